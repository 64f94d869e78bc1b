import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";
import { findProjectArtifact } from "@/server/workspace/artifacts";

/** One artifact with its full content, for the panel's preview. Another organization's is 404. */
export async function GET(req: Request, ctx: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId, artifactId } = await ctx.params;
  if (!isUuid(projectId) || !isUuid(artifactId)) return notFound("Artifact not found");
  const { db } = await getDeps();
  const found = await findProjectArtifact(db, { organizationId: viewer.organizationId, projectId, artifactId });
  if (!found) return notFound("Artifact not found");
  return NextResponse.json({ artifact: found.view }, { headers: { "cache-control": "private, no-store" } });
}
