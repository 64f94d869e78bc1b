import nlp from "compromise";
import { currencyTokens, resolveCurrency } from "./currency";

export type BudgetPeriod = "day" | "week" | "month" | "year";

export interface BudgetMention {
  amount: number;
  period: BudgetPeriod;
  /** The token the owner used ("$", "euros", "GBP"), resolved later against their country. */
  currencyToken?: string;
  monthlyBudgetCents: number;
}

const PER_MONTH: Record<BudgetPeriod, number> = { day: 30, week: 52 / 12, month: 1, year: 1 / 12 };
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m)?\b`;
const PERIODS: [RegExp, BudgetPeriod][] = [
  [/^[\s,]*(?:a|per|each|every|\/|an?)\s*day\b|^[\s,]*(?:daily|a-day)\b|^[\s,]*(?:por|al|pro|par)\s+(?:dia|día|tag|jour)\b/i, "day"],
  [/^[\s,]*(?:a|per|each|every|\/)\s*(?:week|wk)\b|^[\s,]*weekly\b/i, "week"],
  [/^[\s,]*(?:a|per|each|every|\/)\s*(?:month|mo)\b|^[\s,]*monthly\b|^[\s,]*(?:por|al|pro|par)\s+(?:m[eê]s|monat|mois)\b/i, "month"],
  [/^[\s,]*(?:a|per|each|every|\/)\s*(?:year|yr)\b|^[\s,]*(?:yearly|annually)\b/i, "year"],
];
// "daily budget of $50": a period named just before the amount.
const PERIOD_BEFORE: [RegExp, BudgetPeriod][] = [
  [/\b(?:daily|per day|a day)\b[^.;]{0,25}$/i, "day"],
  [/\b(?:weekly|per week)\b[^.;]{0,25}$/i, "week"],
  [/\b(?:monthly|per month)\b[^.;]{0,25}$/i, "month"],
  [/\b(?:yearly|annual|per year)\b[^.;]{0,25}$/i, "year"],
];

let moneyRe: RegExp | undefined;
function moneyPattern(): RegExp {
  const cur = `(${currencyTokens().pattern})`;
  return (moneyRe ??= new RegExp(String.raw`(?:${cur}\s?${NUMBER}|${NUMBER}\s?${cur}(?![\p{L}])|${NUMBER})`, "giu"));
}

/** "two hundred" → "200", so amounts written in words are read like digits. */
export function wordsToDigits(text: string): string {
  const doc = nlp(text);
  doc.numbers().toNumber();
  return doc.text();
}

function periodAround(text: string, start: number, end: number): BudgetPeriod | undefined {
  const after = text.slice(end, end + 30);
  const before = text.slice(Math.max(0, start - 40), start);
  return PERIODS.find(([re]) => re.test(after))?.[1] ?? PERIOD_BEFORE.find(([re]) => re.test(before))?.[1];
}

/**
 * The last amount of money in the text. An amount counts when it names a currency or a period
 * ("50 a day"), or when the budget was just asked (`bareNumber`). Ages ("25-45") and counts
 * ("3 shops") have neither.
 */
export function findBudget(raw: string, opts: { bareNumber?: boolean } = {}): BudgetMention | undefined {
  const text = wordsToDigits(raw);
  let found: BudgetMention | undefined;
  for (const m of text.matchAll(moneyPattern())) {
    const [whole, preCur, preNum, preK, postNum, postK, postCur, bareNum, bareK] = m;
    const number = preNum ?? postNum ?? bareNum;
    if (!number) continue;
    const start = m.index;
    const end = start + whole.length;
    // "25-45", "18 to 30": a range is an age, not a budget.
    if (/^\s*(?:-|–|to)\s*\d/.test(text.slice(end)) || /\d\s*(?:-|–|to)\s*$/.test(text.slice(0, start))) continue;
    const currencyToken = preCur ?? postCur;
    const period = periodAround(text, start, end);
    if (!currencyToken && !period && !opts.bareNumber && !/\bbudget\b/i.test(text)) continue;
    const multiplier = { k: 1_000, m: 1_000_000 }[(preK ?? postK ?? bareK ?? "").toLowerCase()] ?? 1;
    const amount = Number(number.replace(/,/g, "")) * multiplier;
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const p = period ?? "month";
    found = { amount, period: p, currencyToken, monthlyBudgetCents: Math.round(amount * PER_MONTH[p] * 100) };
  }
  return found;
}

export function currencyOf(mention: BudgetMention, countryCode?: string): string | undefined {
  return mention.currencyToken ? resolveCurrency(mention.currencyToken, countryCode) : undefined;
}
