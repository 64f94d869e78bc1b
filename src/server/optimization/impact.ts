import { and, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import { formatMoney } from "@/server/campaigns/currency";
import type { Deps } from "@/server/deps";
import { optimizationActions, performanceSnapshots, type ActionImpact } from "@/server/db/schema";
import { accountNow } from "@/server/performance/account-clock";
import { accountTimezone, addDays, dayIn } from "@/server/performance/account-timezone";
import { refreshActionCard } from "./action-card";
import type { OptimizationAction } from "./ledger";

export const IMPACT_WINDOW_DAYS = 3;

type Totals = ActionImpact["before"];
type Row = Pick<typeof performanceSnapshots.$inferSelect, "date" | "spendCents" | "conversions" | "clicks" | "impressions">;

function total(rows: Row[], from: string, to: string): Totals {
  const t = { spendCents: 0, conversions: 0, clicks: 0, impressions: 0 };
  for (const r of rows.filter((r) => r.date >= from && r.date <= to)) {
    t.spendCents += r.spendCents;
    t.conversions += r.conversions;
    t.clicks += r.clicks;
    t.impressions += r.impressions;
  }
  return t;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Before vs after in equal windows around the day it was applied (that day itself is half one, half the other: left out). */
export function computeImpact(rows: Row[], opts: { appliedDay: string; currency: string }): ActionImpact {
  const n = IMPACT_WINDOW_DAYS;
  const before = total(rows, addDays(opts.appliedDay, -n), addDays(opts.appliedDay, -1));
  const after = total(rows, addDays(opts.appliedDay, 1), addDays(opts.appliedDay, n));
  const spendSavedCents = before.spendCents - after.spendCents;
  const conversionsGained = after.conversions - before.conversions;
  const spend =
    spendSavedCents === 0
      ? "spent the same"
      : `spent ${formatMoney(Math.abs(spendSavedCents), opts.currency)} ${spendSavedCents > 0 ? "less" : "more"}`;
  const results =
    conversionsGained === 0
      ? `brought the same number of results (${before.conversions})`
      : `brought ${plural(Math.abs(conversionsGained), "result", "results")} ${conversionsGained > 0 ? "more" : "fewer"} (${before.conversions} → ${after.conversions})`;
  return {
    windowDays: n,
    before,
    after,
    spendSavedCents,
    conversionsGained,
    summary: `In the ${n} days after this change, what it touched ${spend} than in the ${n} days before and ${results}.`,
  };
}

/** The Facebook objects whose numbers show the action's effect: the ones it changed. */
const measuredObjects = (a: OptimizationAction) => (a.objectIds.length ? a.objectIds : [a.objectId]);

/**
 * For each applied action of the campaign not measured yet, once the account day `appliedDay + 3`
 * is complete (a later day has been pulled): stores the before/after comparison (compare-and-set on "not measured", so two
 * overlapping sweeps store it once) and shows it on the action's card.
 */
export async function measureImpacts(deps: Deps, opts: { organizationId: string; campaignId: string; date: string }) {
  const { db } = deps;
  const pending = await db
    .select()
    .from(optimizationActions)
    .where(
      and(
        eq(optimizationActions.organizationId, opts.organizationId),
        eq(optimizationActions.campaignId, opts.campaignId),
        eq(optimizationActions.status, "APPLIED"),
        isNull(optimizationActions.impact),
      ),
    );
  const measured: string[] = [];
  for (const action of pending) {
    if (!action.appliedAt) continue;
    const timeZone = await accountTimezone(db, { organizationId: action.organizationId, adAccountId: action.adAccountId });
    const appliedDay = dayIn(timeZone, action.appliedAt);
    const lastDay = addDays(appliedDay, IMPACT_WINDOW_DAYS);
    // The window's last day is final once a later day is pulled (each pull re-reads the previous days).
    if (opts.date <= lastDay) continue;
    const rows = await db
      .select({
        date: performanceSnapshots.date,
        spendCents: performanceSnapshots.spendCents,
        conversions: performanceSnapshots.conversions,
        clicks: performanceSnapshots.clicks,
        impressions: performanceSnapshots.impressions,
      })
      .from(performanceSnapshots)
      .where(
        and(
          eq(performanceSnapshots.campaignId, action.campaignId),
          inArray(performanceSnapshots.objectId, measuredObjects(action)),
          gte(performanceSnapshots.date, addDays(appliedDay, -IMPACT_WINDOW_DAYS)),
          lte(performanceSnapshots.date, lastDay),
        ),
      );
    const impact = computeImpact(rows, { appliedDay, currency: action.currency });
    const now = await accountNow(deps, action.adAccountId);
    const stored = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(optimizationActions)
        .set({ impact, impactMeasuredAt: now })
        .where(and(eq(optimizationActions.id, action.id), isNull(optimizationActions.impact)))
        .returning();
      if (row) await refreshActionCard(tx, row);
      return Boolean(row);
    });
    if (stored) measured.push(action.id);
  }
  return { measured };
}
