import type { BriefGoal } from "@/server/onboarding/brief-schema";

export interface Range {
  low: number;
  high: number;
}

export interface ProjectedResults {
  periodDays: number;
  spendCents: number;
  impressions: Range;
  clicks: Range;
  results: Range;
  resultLabel: string;
  note: string;
}

// Deliberately wide, conservative bands for small accounts in their learning phase: a high CPM
// and low CTR bound the low end; nobody should read the high end as a promise.
const CPM_CENTS: Range = { low: 900, high: 2500 };
const CTR: Range = { low: 0.006, high: 0.015 };
const CONVERSION: Record<BriefGoal, Range & { label: string }> = {
  LEADS: { low: 0.02, high: 0.08, label: "leads" },
  SALES: { low: 0.005, high: 0.02, label: "purchases" },
  TRAFFIC: { low: 0.7, high: 0.9, label: "landing page views" },
  APP_INSTALLS: { low: 0.02, high: 0.06, label: "app installs" },
};

export const PROJECTION_NOTE =
  "Estimates from typical Facebook results for new, small accounts — not a guarantee. Expect the first 1–2 weeks " +
  "to be a learning phase with uneven results; actual numbers depend on your offer, images and competition.";

/** Projected results for 30 days at the plan's daily budget, as ranges computed from the budget alone. */
export function projectResults(opts: { dailyBudgetCents: number; goal: BriefGoal; periodDays?: number }): ProjectedResults {
  const periodDays = opts.periodDays ?? 30;
  const spendCents = opts.dailyBudgetCents * periodDays;
  const impressions = {
    low: Math.floor((spendCents / CPM_CENTS.high) * 1000),
    high: Math.floor((spendCents / CPM_CENTS.low) * 1000),
  };
  const clicks = { low: Math.floor(impressions.low * CTR.low), high: Math.floor(impressions.high * CTR.high) };
  const conv = CONVERSION[opts.goal];
  const results = { low: Math.floor(clicks.low * conv.low), high: Math.floor(clicks.high * conv.high) };
  return { periodDays, spendCents, impressions, clicks, results, resultLabel: conv.label, note: PROJECTION_NOTE };
}
