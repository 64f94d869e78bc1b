import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { getLatestBrief } from "@/server/onboarding/briefs";
import { reviseBrief } from "@/server/onboarding/confirm";
import { reviseBriefBody } from "@/server/onboarding/validation";
import { getProject } from "@/server/projects";
import { respondWithBrief } from "./respond";

type Ctx = { params: Promise<{ projectId: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  if (!(await getProject(db, viewer.organizationId, projectId))) return notFound("Project not found");
  return NextResponse.json({ brief: await getLatestBrief(db, { organizationId: viewer.organizationId, projectId }) });
}

/** A later change to the brief, from any conversation: a new confirmed version, announced again. */
export async function PUT(req: Request, ctx: Ctx) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, reviseBriefBody);
  if (!body.ok) return body.response;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  const result = await reviseBrief(db, {
    organizationId: viewer.organizationId,
    userId: viewer.userId,
    projectId,
    conversationId: body.data.conversationId,
    fields: body.data.brief,
  });
  return respondWithBrief(viewer, result, 201);
}
