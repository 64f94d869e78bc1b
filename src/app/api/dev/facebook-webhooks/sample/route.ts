import { NextResponse } from "next/server";
import { env } from "@/env";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { jsonError, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";
import { simulatedControlsEnabled } from "@/server/services/facebook/simulated-dev";
import { sampleDeliveryInput, sendSampleDelivery } from "@/server/webhooks/sample-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sends one sample Facebook webhook about the viewer's campaign on their simulated ad account, as a
 * real signed POST to our own endpoint (dev/test controls only): a lead, a disapproval, the account
 * disabled or enabled again, an ad paused in Ads Manager, or a field we do not handle.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const deps = await getDeps();
  if (!simulatedControlsEnabled(deps.services.facebook, env())) return notFound();
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, sampleDeliveryInput);
  if (!body.ok) return body.response;
  const outcome = await sendSampleDelivery(deps, { organizationId: viewer.organizationId, ...body.data });
  if (!outcome.ok) return jsonError(outcome.status, outcome.message);
  return NextResponse.json({ kind: outcome.kind, changes: outcome.changes }, { status: 202 });
}
