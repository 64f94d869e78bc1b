import { signWebhookBody } from "./signature";
import type { WebhookBody } from "./sample-deliveries";

export const WEBHOOK_PATH = "/api/webhooks/facebook";

export interface PostedDelivery {
  status: number;
  changes: number;
}

/**
 * Posts one delivery to our own endpoint exactly as Facebook does: a JSON body signed with
 * `X-Hub-Signature-256` over its bytes. The secret and signature are never logged or returned.
 */
export async function postSignedDelivery(opts: { appUrl: string; body: WebhookBody; secret: string; fetch?: typeof fetch }): Promise<PostedDelivery> {
  const bytes = JSON.stringify(opts.body);
  const res = await (opts.fetch ?? fetch)(new URL(WEBHOOK_PATH, opts.appUrl), {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signWebhookBody(bytes, opts.secret) },
    body: bytes,
    signal: AbortSignal.timeout(15_000),
  });
  // Drained, not cancelled: the connection goes back to the pool (and a cancelled mock stream can hang).
  await res.arrayBuffer();
  return { status: res.status, changes: opts.body.entry.reduce((n, e) => n + e.changes.length, 0) };
}

/** Facebook redelivers what did not get a 200; the simulated account's run retries the same way (the step fails). */
export class DeliveryRefusedError extends Error {
  constructor(readonly status: number) {
    super(`The webhook endpoint answered ${status}`);
  }
}
