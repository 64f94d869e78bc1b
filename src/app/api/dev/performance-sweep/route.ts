import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { performanceSweepRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { requireViewer } from "@/server/auth/session";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { devControlsEnabled } from "@/env";
import { sweepEventId } from "@/server/performance/sweep-ids";

const body = z.object({}).strict();

/** Dev/test control: a sweep now instead of at the next MONITOR_CRON tick; absent (404) in production. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  if (!devControlsEnabled(env())) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const parsed = await parseJsonBody(req, body);
  if (!parsed.ok) return parsed.response;
  const sweepId = `dev-${crypto.randomUUID()}`;
  const { sent } = await sendAfterCommit(performanceSweepRequested.create({ sweepId }, { id: sweepEventId(sweepId) }));
  return NextResponse.json({ queued: sent, sweepId }, { status: 202 });
}
