import { campaignRows, isActive, sumRows, type CampaignView } from "@/server/performance/campaign-view";
import { scaleWinnerText } from "../messages";
import type { ProposedAction } from "../types";
import { UNIT_CENTS, campaignObjectId, proposal } from "./shared";

/**
 * A campaign that returns at least 3× what it costs (last 3 days, a row on each) and spends at least
 * 90% of its daily budget every one of those days is held back by its budget, not by its ads.
 */
export function qualifiesForScaleWinner(view: CampaignView): boolean {
  const budget = view.dailyBudgetCents;
  if (budget <= 0) return false;
  const rows = campaignRows(view);
  const t = sumRows(rows, view.window);
  if (t.days < view.window.length || t.spendCents <= 0 || t.valueCents < 3 * t.spendCents) return false;
  return view.window.every((day) => 10 * sumRows(rows, [day]).spendCents >= 9 * budget);
}

/** Every active ad set's budget × 1.5, floored to whole units. A money rule: the policy decides who may approve. */
export function scaleWinner(view: CampaignView): ProposedAction | null {
  if (!qualifiesForScaleWinner(view)) return null;
  const adSets = view.adSets.filter((a) => isActive(a) && (a.latest.dailyBudgetCents ?? 0) > 0);
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  let moved = 0;
  for (const a of adSets) {
    const b = a.latest.dailyBudgetCents!;
    const raised = Math.floor((b * 3) / (2 * UNIT_CENTS)) * UNIT_CENTS;
    if (raised <= b) continue;
    before[a.id] = b;
    after[a.id] = raised;
    moved += raised - b;
  }
  if (moved <= 0) return null;
  const t = sumRows(campaignRows(view), view.window);
  return proposal(view, {
    rule: "scale-winner",
    kind: "RAISE_BUDGET",
    objectType: "campaign",
    objectId: campaignObjectId(view),
    objectIds: Object.keys(after),
    ...scaleWinnerText({ t, raiseCents: moved, budgetCents: view.dailyBudgetCents, currency: view.campaign.currency }),
    before: { dailyBudgets: before },
    after: { dailyBudgets: after },
    moneyMovedCents: moved,
    // Stored as a whole percent, rounded up so the ledger never shows less than was asked for.
    budgetChangePercent: Math.ceil((moved * 100) / view.dailyBudgetCents),
  });
}
