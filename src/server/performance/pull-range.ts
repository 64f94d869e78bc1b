import { and, eq, inArray, max } from "drizzle-orm";
import type { Db } from "@/server/db";
import { performanceSnapshots } from "@/server/db/schema";
import { lastAccountDays } from "./account-day";
import { addDays, dayIn } from "./account-timezone";

/** Days Graph reports late or corrects: every pull rewrites at least these. */
export const RECENT_DAYS = 3;
/** The furthest back one pull reaches (a long outage, or a simulated clock moved weeks ahead). */
export const MAX_BACKFILL_DAYS = 28;

/**
 * The days to pull: the last three account days, reaching back to the last day already stored for a
 * campaign (or its activation day when nothing is), so a missed sweep or a jump of the simulated
 * clock leaves no gap in the history the weekly and trend rules read.
 */
export async function pullRange(
  db: Db,
  opts: { now: Date; timezone: string; campaigns: { campaignId: string; activatedAt: Date | null }[] },
): Promise<{ since: string; until: string }> {
  const recent = lastAccountDays(opts.now, opts.timezone, RECENT_DAYS);
  const until = recent.until;
  const floor = addDays(until, -(MAX_BACKFILL_DAYS - 1));
  let since = recent.since;
  const ids = opts.campaigns.map((c) => c.campaignId);
  const stored = ids.length
    ? await db
        .select({ campaignId: performanceSnapshots.campaignId, last: max(performanceSnapshots.date) })
        .from(performanceSnapshots)
        .where(and(inArray(performanceSnapshots.campaignId, ids), eq(performanceSnapshots.objectType, "campaign")))
        .groupBy(performanceSnapshots.campaignId)
    : [];
  const lastDay = new Map(stored.map((r) => [r.campaignId, r.last]));
  for (const c of opts.campaigns) {
    const start = lastDay.get(c.campaignId) ?? (c.activatedAt ? dayIn(opts.timezone, c.activatedAt) : floor);
    if (start < since) since = start;
  }
  return { since: since < floor ? floor : since, until };
}
