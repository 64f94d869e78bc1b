import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";
import { listProjectArtifacts } from "@/server/workspace/artifacts";

/** The project's artifacts for the workspace panel, grouped (Brief, Campaigns, Ad copy…), newest first. */
export async function GET(req: Request, ctx: { params: Promise<{ projectId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  const groups = await listProjectArtifacts(db, { organizationId: viewer.organizationId, projectId });
  if (!groups) return notFound("Project not found");
  return NextResponse.json({ groups }, { headers: { "cache-control": "private, no-store" } });
}
