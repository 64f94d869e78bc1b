import { fromGraphAmount } from "@/server/campaigns/currency";
import type { performanceSnapshots } from "@/server/db/schema";
import type { InsightsRow, ObjectPerformance } from "@/server/services/facebook/types";
import type { PlannedObject } from "./live-objects";

export type SnapshotInsert = typeof performanceSnapshots.$inferInsert;

export interface RowContext {
  organizationId: string;
  adAccountId: string;
  currency: string;
  range: { since: string; until: string };
  pulledAt: Date;
}

const NO_DELIVERY = (day: string): InsightsRow => ({
  dateStart: day, dateStop: day, spendCents: 0, impressions: 0, reach: 0, clicks: 0, ctr: 0, conversions: 0,
});

/** Derived figures: computed here once, so every reader agrees on them (ROAS = value / spend). */
function metrics(day: InsightsRow) {
  const conversions = Math.round(day.conversions);
  const valueCents = Math.round(day.conversionValueCents ?? 0);
  return {
    spendCents: day.spendCents,
    impressions: day.impressions,
    reach: day.reach,
    clicks: day.clicks,
    ctr: day.ctr || (day.impressions > 0 ? (day.clicks / day.impressions) * 100 : 0),
    frequency: day.frequency ?? (day.reach > 0 ? day.impressions / day.reach : 0),
    conversions,
    conversionValueCents: valueCents,
    costPerConversionCents: conversions > 0 ? Math.round(day.spendCents / conversions) : null,
    roas: day.spendCents > 0 ? valueCents / day.spendCents : null,
  };
}

/**
 * One row per day Graph reported within the range, plus always one for the account's today: it
 * carries the object's status, budget and creative as pulled, which the rules read even on a day
 * without delivery (a paused ad set spends nothing and Graph then sends no insights row).
 */
export function toSnapshotRows(perf: ObjectPerformance, planned: PlannedObject, ctx: RowContext): SnapshotInsert[] {
  const inRange = perf.days.filter((d) => d.dateStart >= ctx.range.since && d.dateStart <= ctx.range.until);
  const byDay = new Map(inRange.map((d) => [d.dateStart, d]));
  if (!byDay.has(ctx.range.until)) byDay.set(ctx.range.until, NO_DELIVERY(ctx.range.until));
  return [...byDay.values()].map((day) => ({
    organizationId: ctx.organizationId,
    campaignId: planned.campaignId,
    adAccountId: ctx.adAccountId,
    objectType: planned.level,
    objectId: planned.objectId,
    parentObjectId: planned.parentObjectId,
    date: day.dateStart,
    ...metrics(day),
    objectStatus: perf.status,
    effectiveStatus: perf.effectiveStatus ?? null,
    dailyBudgetCents: perf.dailyBudgetCents === undefined ? null : fromGraphAmount(perf.dailyBudgetCents, ctx.currency),
    creativeId: perf.creativeId ?? null,
    raw: perf.raw,
    pulledAt: ctx.pulledAt,
  }));
}
