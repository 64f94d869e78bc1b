import { addDays } from "@/server/performance/account-timezone";
import type { ReportFigures, WeekTotals } from "@/server/db/schema";

/** One campaign-level day as stored (conversions already counted with stored leads where that applies). */
export interface ReportDay {
  date: string;
  spendCents: number;
  reach: number;
  conversions: number;
  conversionValueCents: number;
}

export const weekDays = (weekEnding: string) => Array.from({ length: 7 }, (_, i) => addDays(weekEnding, i - 6));

function totals(rows: ReportDay[]): WeekTotals {
  const spendCents = rows.reduce((s, r) => s + r.spendCents, 0);
  const results = rows.reduce((s, r) => s + r.conversions, 0);
  const conversionValueCents = rows.reduce((s, r) => s + r.conversionValueCents, 0);
  return {
    spendCents,
    reach: rows.reduce((s, r) => s + r.reach, 0),
    results,
    conversionValueCents,
    costPerResultCents: results > 0 ? Math.round(spendCents / results) : null,
    roas: spendCents > 0 && conversionValueCents > 0 ? conversionValueCents / spendCents : null,
  };
}

/**
 * The week ending `weekEnding` (7 account days, both ends included) and the 7 days before it, from the
 * campaign's daily rows. Pure, so the same rows always give the same report.
 */
export function computeReportFigures(input: {
  rows: ReportDay[];
  weekEnding: string;
  currency: string;
  resultLabel: ReportFigures["resultLabel"];
}): ReportFigures {
  const days = weekDays(input.weekEnding);
  const before = weekDays(addDays(input.weekEnding, -7));
  const byDate = new Map(input.rows.map((r) => [r.date, r]));
  const inWeek = days.flatMap((d) => byDate.get(d) ?? []);
  const inBefore = before.flatMap((d) => byDate.get(d) ?? []);
  return {
    currency: input.currency,
    resultLabel: input.resultLabel,
    weekStart: days[0]!,
    weekEnding: input.weekEnding,
    current: totals(inWeek),
    previous: inBefore.length ? totals(inBefore) : null,
    days: days.map((date) => ({ date, spendCents: byDate.get(date)?.spendCents ?? 0, results: byDate.get(date)?.conversions ?? 0 })),
  };
}

export type Metric = "spend" | "reach" | "results" | "costPerResult" | "roas";

const value: Record<Metric, (t: WeekTotals) => number | null> = {
  spend: (t) => t.spendCents,
  reach: (t) => t.reach,
  results: (t) => t.results,
  costPerResult: (t) => t.costPerResultCents,
  roas: (t) => t.roas,
};

/** Week-over-week change in whole percent; null when there is nothing to compare with (or it was 0). */
export function trendPercent(f: Pick<ReportFigures, "current" | "previous">, metric: Metric): number | null {
  const now = value[metric](f.current);
  const then = f.previous ? value[metric](f.previous) : null;
  if (now === null || then === null || then === 0) return null;
  return Math.round(((now - then) / then) * 100);
}
