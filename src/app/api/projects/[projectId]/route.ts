import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { notFound } from "@/server/http";
import { getProject } from "@/server/projects";

export async function GET(req: Request, ctx: { params: Promise<{ projectId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  // Another organization's project is indistinguishable from a missing one.
  const project = await getProject(db, viewer.organizationId, projectId);
  return project ? NextResponse.json({ project }) : notFound("Project not found");
}
