import { desc, inArray, lt } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookWebhookDeliveries } from "@/server/db/schema";

export const DELIVERY_RETENTION_DAYS = 30;

export interface DeliveryRecord {
  deliveryId: string;
  receivedAt: string;
  object: string;
  raw: string;
  changeCount: number;
}

/**
 * Stores accepted deliveries once each: a redelivery (same bytes, same id) or a racing retry changes
 * nothing. Returns how many rows this call added.
 */
export async function recordDeliveries(db: Db, deliveries: DeliveryRecord[]): Promise<{ stored: number }> {
  const unique = [...new Map(deliveries.map((d) => [d.deliveryId, d])).values()];
  if (unique.length === 0) return { stored: 0 };
  const rows = await db
    .insert(facebookWebhookDeliveries)
    .values(unique.map((d) => ({ id: d.deliveryId, object: d.object, raw: d.raw, changeCount: d.changeCount, receivedAt: new Date(d.receivedAt) })))
    .onConflictDoNothing()
    .returning({ id: facebookWebhookDeliveries.id });
  return { stored: rows.length };
}

/** The moment before which deliveries are removed. */
export const retentionCutoff = (now: Date) => new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000);

/** Deletes up to `limit` deliveries received before `before`; returns how many went. */
export async function purgeDeliveriesBefore(db: Db, opts: { before: Date; limit: number }): Promise<number> {
  const oldest = db
    .select({ id: facebookWebhookDeliveries.id })
    .from(facebookWebhookDeliveries)
    .where(lt(facebookWebhookDeliveries.receivedAt, opts.before))
    .limit(opts.limit);
  const gone = await db
    .delete(facebookWebhookDeliveries)
    .where(inArray(facebookWebhookDeliveries.id, oldest))
    .returning({ id: facebookWebhookDeliveries.id });
  return gone.length;
}

/** The newest deliveries, for support to see what arrived. */
export function latestDeliveries(db: Db, limit: number) {
  return db
    .select({
      id: facebookWebhookDeliveries.id,
      object: facebookWebhookDeliveries.object,
      changeCount: facebookWebhookDeliveries.changeCount,
      receivedAt: facebookWebhookDeliveries.receivedAt,
      raw: facebookWebhookDeliveries.raw,
    })
    .from(facebookWebhookDeliveries)
    .orderBy(desc(facebookWebhookDeliveries.receivedAt))
    .limit(limit);
}
