import { isActive, sumRows, type CampaignView, type ObjectState, type Totals } from "@/server/performance/campaign-view";
import { shiftBudgetText } from "../messages";
import type { ProposedAction } from "../types";
import { MIN_IMPRESSIONS, UNIT_CENTS, proposal } from "./shared";

interface Candidate {
  adSet: ObjectState;
  t: Totals;
  budget: number;
}

/**
 * Cost per sale, lowest first, compared cross-multiplied (spendA / convA vs spendB / convB) so no
 * rounding decides. No conversions counts as the worst; among those, the one that spent most is worse.
 */
function byCostPerResult(a: Candidate, b: Candidate): number {
  if (a.t.conversions === 0 || b.t.conversions === 0) {
    if (a.t.conversions !== b.t.conversions) return a.t.conversions === 0 ? 1 : -1;
    return b.t.spendCents - a.t.spendCents || a.adSet.id.localeCompare(b.adSet.id);
  }
  return a.t.spendCents * b.t.conversions - b.t.spendCents * a.t.conversions || a.adSet.id.localeCompare(b.adSet.id);
}

/** Worst costs at least 25% more per result than best (worst ≥ 1.25 × best), or got none at all. */
function gapIsWide(best: Totals, worst: Totals): boolean {
  if (worst.conversions === 0) return true;
  return 4 * worst.spendCents * best.conversions >= 5 * best.spendCents * worst.conversions;
}

/**
 * Move a fifth of the worst ad set's daily budget to the best one, total unchanged. Both must have
 * enough data: at least 1,000 views and a row on each of the last 3 days.
 */
export function budgetToBestAdset(view: CampaignView): ProposedAction | null {
  const candidates: Candidate[] = view.adSets
    .filter((a) => isActive(a) && (a.latest.dailyBudgetCents ?? 0) > 0)
    .map((adSet) => ({ adSet, t: sumRows(adSet.rows, view.window), budget: adSet.latest.dailyBudgetCents ?? 0 }))
    .filter((c) => c.t.impressions >= MIN_IMPRESSIONS && c.t.days >= view.window.length)
    .sort(byCostPerResult);
  if (candidates.length < 2) return null;
  const best = candidates[0]!;
  const worst = candidates[candidates.length - 1]!;
  if (best.t.conversions === 0 || !gapIsWide(best.t, worst.t)) return null;
  // 20% of the worst's budget, floored to whole units: floor(budget × 0.2 / 100) × 100.
  const amount = Math.floor(worst.budget / (5 * UNIT_CENTS)) * UNIT_CENTS;
  if (amount < UNIT_CENTS || worst.budget - amount < UNIT_CENTS) return null;
  return proposal(view, {
    rule: "budget-to-best-adset",
    kind: "SHIFT_BUDGET",
    objectType: "adset",
    objectId: worst.adSet.id,
    objectIds: [worst.adSet.id, best.adSet.id],
    ...shiftBudgetText({ amountCents: amount, best: best.t, worst: worst.t, currency: view.campaign.currency }),
    before: { dailyBudgets: { [worst.adSet.id]: worst.budget, [best.adSet.id]: best.budget } },
    after: { dailyBudgets: { [worst.adSet.id]: worst.budget - amount, [best.adSet.id]: best.budget + amount } },
    moneyMovedCents: amount,
    budgetChangePercent: 0,
  });
}
