import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { loadCreativeSession } from "@/server/creative/view";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";

/** The session and every version: status, stages, plan, what it reused, cost, duration, error, artifacts. */
export async function GET(req: Request, ctx: { params: Promise<{ sessionId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { sessionId } = await ctx.params;
  if (!isUuid(sessionId)) return notFound("Creative session not found");
  const { db } = await getDeps();
  const view = await loadCreativeSession(db, { organizationId: viewer.organizationId, sessionId });
  if (!view) return notFound("Creative session not found");
  return NextResponse.json(view, { headers: { "cache-control": "private, no-store" } });
}
