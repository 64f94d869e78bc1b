import { NextResponse } from "next/server";
import { readCreativeRequest, sessionNotFound } from "@/server/creative/route-helpers";
import { loadCreativeSession } from "@/server/creative/view";
import { getDeps } from "@/server/deps";

/** The session and every version: status, stages, plan, what it reused, cost, duration, error, artifacts. */
export async function GET(req: Request, ctx: { params: Promise<{ sessionId: string }> }) {
  const request = await readCreativeRequest(req, ctx, "sessionId");
  if (!request.ok) return request.response;
  const { db } = await getDeps();
  const view = await loadCreativeSession(db, { organizationId: request.viewer.organizationId, sessionId: request.id });
  if (!view) return sessionNotFound();
  return NextResponse.json(view, { headers: { "cache-control": "private, no-store" } });
}
