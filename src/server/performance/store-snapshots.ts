import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { performanceSnapshots } from "@/server/db/schema";
import type { SnapshotInsert } from "./snapshot-rows";

// Every column a later pull may correct; identity (organization, campaign, object, date) never changes.
const UPDATED = [
  "parentObjectId", "spendCents", "impressions", "reach", "clicks", "ctr", "frequency", "conversions",
  "conversionValueCents", "costPerConversionCents", "roas", "objectStatus", "effectiveStatus", "dailyBudgetCents",
  "creativeId", "raw", "pulledAt",
] as const;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Upserts keyed by (object, date): a rerun or an overlapping sweep rewrites the same row. Rows are
 * written in key order, so two concurrent upserts of the same objects lock rows in the same order
 * and cannot deadlock; a row of another organization (a shared ad account) is never overwritten.
 */
export async function upsertSnapshots(db: Db, rows: SnapshotInsert[]): Promise<number> {
  const unique = new Map(rows.map((r) => [`${r.objectId}\u0000${r.date}`, r]));
  const sorted = [...unique.values()].sort((a, b) => (a.objectId === b.objectId ? a.date.localeCompare(b.date) : a.objectId.localeCompare(b.objectId)));
  if (!sorted.length) return 0;
  const set = Object.fromEntries(UPDATED.map((c) => [c, sql.raw(`excluded.${snake(c)}`)]));
  const written = await db
    .insert(performanceSnapshots)
    .values(sorted)
    .onConflictDoUpdate({
      target: [performanceSnapshots.objectId, performanceSnapshots.date],
      set: { ...set, updatedAt: sql`now()` },
      setWhere: and(
        eq(performanceSnapshots.organizationId, sql.raw("excluded.organization_id")),
        eq(performanceSnapshots.campaignId, sql.raw("excluded.campaign_id")),
      ),
    })
    .returning({ id: performanceSnapshots.id });
  return written.length;
}

/** Objects whose row for `day` was written at or after `since`: pulled already by this run (a retried step skips them). */
export async function objectsPulledSince(db: Db, opts: { objectIds: string[]; day: string; since: Date }): Promise<Set<string>> {
  if (!opts.objectIds.length) return new Set();
  const rows = await db
    .select({ objectId: performanceSnapshots.objectId })
    .from(performanceSnapshots)
    .where(
      and(
        inArray(performanceSnapshots.objectId, opts.objectIds),
        eq(performanceSnapshots.date, opts.day),
        gte(performanceSnapshots.pulledAt, opts.since),
      ),
    );
  return new Set(rows.map((r) => r.objectId));
}
