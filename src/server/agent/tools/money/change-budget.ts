import { formatMoney } from "@/server/campaigns/currency";
import type { AgentTool } from "../types";
import { splitBudget, totalCentsOf } from "./budget-split";
import { findCampaignFor, isRefusal, ownerWords } from "./campaign-request";
import { changeBudgetInput, type ChangeBudgetInput } from "../../tool-inputs";
import { proposeOwnerRequest } from "./propose";

/**
 * Proposes a new total daily budget (CHANGE_BUDGET), split over the running ad sets in proportion to
 * their budgets as last pulled; apply re-reads the live values and changes only what still matches.
 * The policy's block limit applies to the change (moneyMovedCents = |new − current|).
 */
export const changeBudgetTool: AgentTool<ChangeBudgetInput> = {
  name: "change_budget",
  input: changeBudgetInput,
  async run(ctx, input) {
    const found = await findCampaignFor(ctx, "CHANGE_BUDGET");
    if (isRefusal(found)) return found;
    const { record, state } = found;
    if (record.status !== "ACTIVE" || state.adSets.length === 0) {
      return {
        status: "refused",
        summary: record.status !== "ACTIVE"
          ? "The campaign is paused; turn it back on first, then change its budget."
          : "The agency has not read this campaign's budgets from Facebook yet; try again after the next numbers come in.",
      };
    }
    const currency = record.currency;
    const current = found.totalDailyBudgetCents;
    const target = totalCentsOf(input.dailyBudget, currency);
    if (target <= 0) return { status: "refused", summary: `That budget is too small to spend in ${currency}.` };
    if (target === current) return { status: "refused", summary: `The daily budget is already ${formatMoney(current, currency)}.` };
    const after = splitBudget(state.adSets, target, currency);
    const before = Object.fromEntries(state.adSets.map((a) => [a.id, a.dailyBudgetCents]));
    const moved = Math.abs(target - current);
    const direction = target > current ? "raise" : "lower";
    return proposeOwnerRequest(ctx, {
      record,
      kind: "CHANGE_BUDGET",
      objectIds: state.adSets.map((a) => a.id),
      before: { dailyBudgets: before },
      after: { dailyBudgets: after },
      moneyMovedCents: moved,
      // A whole percent, rounded up as the rules store it: the ledger never shows less than was asked.
      budgetChangePercent: Math.ceil((moved * 100) / current),
      totalDailyBudgetCents: current,
      snapshotDate: found.snapshotDate,
      reason: `You asked in the conversation to ${direction} the daily budget from ${formatMoney(current, currency)} to ${formatMoney(target, currency)}.${ownerWords(input.reason)}`,
      projectedEffect: `The campaign spends up to ${formatMoney(target, currency)} a day, split over its ad sets as now.`,
    });
  },
};
