import type { NextResponse } from "next/server";
import { jsonError, readBytesCapped } from "@/server/http";
import { changeEventId, changeIdOf, deliveryEventId, deliveryIdOf } from "./change-id";
import { parseDelivery } from "./delivery-schema";
import { verifyWebhookSignature } from "./signature";

/**
 * The largest delivery we take. Facebook's are a few kilobytes (a batch of changes, no lead answers
 * in them); the raw body travels inside the delivery event, whose JSON escaping can double it, and
 * an event must stay under the engine's 256 KiB limit. So 100 KiB: far above real traffic, under the limit.
 */
export const MAX_WEBHOOK_BODY_BYTES = 100 * 1024;

export interface AcceptedDeliveryData {
  deliveryId: string;
  receivedAt: string;
  object: string;
  raw: string;
  changeCount: number;
}

export interface WebhookChangeData {
  deliveryId: string;
  changeId: string;
  object: string;
  entryId: string;
  time: number;
  field: string;
  value: Record<string, unknown>;
}

export interface AcceptedDelivery {
  ok: true;
  delivery: { id: string; data: AcceptedDeliveryData };
  changes: { id: string; data: WebhookChangeData }[];
}

/**
 * Reads a webhook POST (capped), checks Facebook's signature over the exact bytes before looking
 * inside, parses the envelope and turns each change into the event data the handlers get. Returns
 * the response to send instead when any of that fails: 413, 401 (nothing kept), or 400 naming the field.
 */
export async function acceptDelivery(
  req: Request,
  opts: { appSecret: string; receivedAt: Date },
): Promise<AcceptedDelivery | { ok: false; response: NextResponse }> {
  const body = await readBytesCapped(req, MAX_WEBHOOK_BODY_BYTES);
  if (!body.ok) return { ok: false, response: jsonError(413, `Body is larger than ${body.maxBytes} bytes`) };
  if (!verifyWebhookSignature(body.bytes, req.headers.get("x-hub-signature-256"), opts.appSecret)) {
    return { ok: false, response: jsonError(401, "X-Hub-Signature-256 is missing or does not match the body") };
  }
  const parsed = parseDelivery(body.bytes);
  if (!parsed.ok) return parsed;
  const { text, delivery } = parsed.data;
  const deliveryId = deliveryIdOf(body.bytes);
  const changes = new Map<string, WebhookChangeData>();
  for (const entry of delivery.entry) {
    for (const change of entry.changes) {
      const key = { object: delivery.object, entryId: entry.id, time: entry.time, field: change.field, value: change.value };
      const changeId = changeIdOf(key);
      // The same change twice in one batch is one change.
      if (!changes.has(changeId)) changes.set(changeId, { deliveryId, changeId, ...key });
    }
  }
  return {
    ok: true,
    delivery: {
      id: deliveryEventId(deliveryId),
      data: { deliveryId, receivedAt: opts.receivedAt.toISOString(), object: delivery.object, raw: text, changeCount: changes.size },
    },
    changes: [...changes.values()].map((data) => ({ id: changeEventId(data.changeId), data })),
  };
}
