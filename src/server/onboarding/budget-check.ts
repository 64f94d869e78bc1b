import { z } from "zod";
import type { BriefFields } from "./brief-schema";

/**
 * A budget that jumps by more than this factor from what the owner said before is never adopted
 * on the strength of one message (a typo, a pasted instruction): it is asked back, in numbers.
 * Runs in plain code after extraction, so the offline and the real model are held to it alike.
 */
export const BUDGET_JUMP_FACTOR = 3;

export const budgetCheckSchema = z.object({
  pending: z.object({ monthlyBudgetCents: z.number().int(), budgetCurrency: z.string().optional() }).optional(),
  /** A change the owner turned down; the same number read again from old messages is not re-asked. */
  declinedCents: z.number().int().optional(),
});
export type BudgetCheck = z.infer<typeof budgetCheckSchema>;

const YES_RE = /^\s*(?:yes|yep|yeah|yup|correct|confirm(?:ed)?|sure|right|that'?s right|ok(?:ay)?|please do|do it|go ahead)\b/i;
const NO_RE = /^\s*(?:no|nope|nah|don'?t|do not|keep|cancel|wrong|never ?mind)\b/i;

function money(cents: number, currency = "USD") {
  return new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);
}

/** "$20 a day ($600 a month)": daily first because that is how owners usually say it. */
export function describeBudget(monthlyCents: number, currency?: string): string {
  return `${money(Math.round(monthlyCents / 30), currency)} a day (${money(monthlyCents, currency)} a month)`;
}

export interface BudgetDecision {
  fields: Partial<BriefFields>;
  check: BudgetCheck;
  /** Set when the owner must confirm a change; the chat shows it as the assistant's question. */
  question?: string;
}

export function checkBudgetChange(opts: {
  before: Partial<BriefFields>;
  extracted: Partial<BriefFields>;
  previousCheck: BudgetCheck;
  lastUserMessage: string;
}): BudgetDecision {
  const { before, extracted, previousCheck } = opts;
  const fields = { ...before, ...extracted };
  const pending = previousCheck.pending;
  if (pending && YES_RE.test(opts.lastUserMessage)) {
    return { fields: { ...fields, ...pending }, check: {} };
  }
  const keepOld = () => ({ ...fields, monthlyBudgetCents: before.monthlyBudgetCents, budgetCurrency: before.budgetCurrency });
  if (pending && NO_RE.test(opts.lastUserMessage) && extracted.monthlyBudgetCents === pending.monthlyBudgetCents) {
    return { fields: keepOld(), check: { declinedCents: pending.monthlyBudgetCents } };
  }
  const old = before.monthlyBudgetCents;
  const next = extracted.monthlyBudgetCents;
  if (old === undefined || next === undefined || next === old) return { fields, check: previousCheck.declinedCents ? previousCheck : {} };
  if (next === previousCheck.declinedCents) return { fields: keepOld(), check: previousCheck };
  const factor = next > old ? next / old : old / next;
  if (factor <= BUDGET_JUMP_FACTOR) return { fields, check: {} };
  const currency = extracted.budgetCurrency ?? before.budgetCurrency;
  return {
    fields: keepOld(),
    check: { pending: { monthlyBudgetCents: next, ...(currency ? { budgetCurrency: currency } : {}) } },
    question:
      `You said ${describeBudget(old, before.budgetCurrency)} earlier. Set the budget to ${describeBudget(next, currency)} instead? ` +
      `That is ${factor >= 10 ? `${Math.round(factor)} times` : `${factor.toFixed(1)} times`} ${next > old ? "more" : "less"}. ` +
      `Reply "yes" to change it, or "no" to keep ${describeBudget(old, before.budgetCurrency)}.`,
  };
}
