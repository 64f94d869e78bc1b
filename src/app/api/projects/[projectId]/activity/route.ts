import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";
import { loadProjectActivity } from "@/server/workspace/activity";

/** What the agency did or proposed for the project (the optimisation ledger), by account day, newest first. */
export async function GET(req: Request, ctx: { params: Promise<{ projectId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId } = await ctx.params;
  if (!isUuid(projectId)) return notFound("Project not found");
  const { db } = await getDeps();
  const days = await loadProjectActivity(db, { organizationId: viewer.organizationId, projectId });
  if (!days) return notFound("Project not found");
  return NextResponse.json({ days }, { headers: { "cache-control": "private, no-store" } });
}
