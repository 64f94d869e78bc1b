import { NextResponse } from "next/server";
import { env } from "@/env";
import { sendWebhookEvents } from "@/inngest/coalesced-send";
import { facebookWebhookDeliveryAccepted, facebookWebhookReceived } from "@/inngest/events";
import { jsonError, refuseCrossSite } from "@/server/http";
import { acceptDelivery } from "@/server/webhooks/accept-delivery";
import { webhookAppSecret } from "@/server/webhooks/app-secret";
import { answerHandshake } from "@/server/webhooks/handshake";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Facebook's subscription check. */
export function GET(req: Request) {
  return answerHandshake(req, env().FACEBOOK_WEBHOOK_VERIFY_TOKEN);
}

/**
 * A delivery from Facebook: verified over its raw bytes, then the delivery (stored by a function) and
 * one event per change go to the engine in one call (joined with concurrent deliveries' calls), and
 * Facebook gets its 200 at once. Nothing else
 * happens in the request. When the engine cannot take them the answer is 503, so Facebook redelivers
 * rather than the change being lost. Bodies, signatures and secrets are never logged.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req); // Facebook sends no Origin; a browser on another site does
  if (crossSite) return crossSite;
  const accepted = await acceptDelivery(req, { appSecret: webhookAppSecret(env()), receivedAt: new Date() });
  if (!accepted.ok) return accepted.response;
  const events = [
    facebookWebhookDeliveryAccepted.create(accepted.delivery.data, { id: accepted.delivery.id }),
    ...accepted.changes.map((c) => facebookWebhookReceived.create(c.data, { id: c.id })),
  ];
  try {
    await sendWebhookEvents(events, accepted.delivery.data.raw.length * 2); // raw travels twice: whole, and as values
  } catch (error) {
    console.error("Could not hand a Facebook webhook delivery to the engine; answered 503 so Facebook redelivers", {
      error: error instanceof Error ? error.name : "unknown",
    });
    const res = jsonError(503, "The event engine is unreachable; deliver again later");
    res.headers.set("retry-after", "30");
    return res;
  }
  return NextResponse.json({ received: accepted.changes.length });
}
