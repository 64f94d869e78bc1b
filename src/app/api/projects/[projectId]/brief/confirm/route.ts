import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { isUuid } from "@/server/route-params";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { confirmOnboardingBrief } from "@/server/onboarding/confirm";
import { confirmBriefBody } from "@/server/onboarding/validation";
import { respondWithBrief } from "../respond";

/** The user confirms the proposed brief (possibly edited): validated strictly, saved, then announced. */
export async function POST(req: Request, ctx: { params: Promise<{ projectId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, confirmBriefBody);
  if (!body.ok) return body.response;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db, services } = await getDeps();
  const result = await confirmOnboardingBrief(db, {
    organizationId: viewer.organizationId,
    userId: viewer.userId,
    projectId,
    conversationId: body.data.conversationId,
    fields: body.data.brief,
    facebookSimulated: services.facebook.kind === "simulated",
  });
  return respondWithBrief(viewer, result, 201);
}
