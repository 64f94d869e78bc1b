import { currencyDigits, fromGraphAmount } from "@/server/campaigns/currency";
import type { AdSetBudget } from "./live-campaign";

/**
 * The smallest step a budget moves in, in hundredths: 1 for USD, 100 for JPY (no decimals) and for
 * Facebook's "offset 1" currencies (Graph takes whole units), so `toGraphAmount` never drops a part.
 */
export function budgetStepCents(currency: string): number {
  return Math.max(10 ** Math.max(0, 2 - currencyDigits(currency)), fromGraphAmount(1, currency));
}

/** A total in the currency's main unit (30 = 30.00) as hundredths, rounded down to what can be spent. */
export function totalCentsOf(dailyBudget: number, currency: string): number {
  const step = budgetStepCents(currency);
  return Math.floor(Math.round(dailyBudget * 100) / step) * step;
}

/**
 * Splits a new total over the ad sets in proportion to their current budgets, each rounded down to a
 * step; what rounding leaves goes to the largest ad set, so the parts add up to the total exactly.
 */
export function splitBudget(adSets: AdSetBudget[], totalCents: number, currency: string): Record<string, number> {
  const step = budgetStepCents(currency);
  const current = adSets.reduce((s, a) => s + a.dailyBudgetCents, 0);
  const out: Record<string, number> = {};
  if (adSets.length === 0 || current <= 0) return out;
  let given = 0;
  for (const a of adSets) {
    const part = Math.floor((totalCents * a.dailyBudgetCents) / current / step) * step;
    out[a.id] = part;
    given += part;
  }
  const largest = [...adSets].sort((a, b) => b.dailyBudgetCents - a.dailyBudgetCents || a.id.localeCompare(b.id))[0]!;
  out[largest.id]! += totalCents - given;
  return out;
}
