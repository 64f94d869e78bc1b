import { formatMoney } from "@/server/campaigns/currency";
import type { ReportFigures, WeekTotals } from "@/server/db/schema";
import { trendPercent, type Metric } from "./figures";

/** One metric as every surface shows it (card, email, PDF, the summary check): the same strings everywhere. */
export interface FormattedMetric {
  metric: Metric;
  label: string;
  value: string;
  previous: string | null;
  trend: { direction: "up" | "down" | "flat" | null; percent: number | null; text: string };
  /** Whether the move is good news (cost per result going down is); null when there is no move. */
  better: boolean | null;
}

const count = (n: number) => new Intl.NumberFormat("en-US").format(n);
export const formatRoas = (roas: number) => `${roas.toFixed(2)}x`;

const RESULT_NOUN: Record<ReportFigures["resultLabel"], { plural: string; single: string }> = {
  leads: { plural: "Leads", single: "lead" },
  sales: { plural: "Sales", single: "sale" },
  results: { plural: "Results", single: "result" },
};

function show(metric: Metric, t: WeekTotals, currency: string): string {
  switch (metric) {
    case "spend":
      return formatMoney(t.spendCents, currency);
    case "reach":
      return count(t.reach);
    case "results":
      return count(t.results);
    case "costPerResult":
      return t.costPerResultCents === null ? "no results" : formatMoney(t.costPerResultCents, currency);
    case "roas":
      return t.roas === null ? "no sales value" : formatRoas(t.roas);
  }
}

function trendOf(f: ReportFigures, metric: Metric): FormattedMetric["trend"] {
  const percent = trendPercent(f, metric);
  if (percent === null) return { direction: null, percent: null, text: f.previous ? "nothing to compare" : "first week" };
  if (percent === 0) return { direction: "flat", percent, text: "no change" };
  return percent > 0 ? { direction: "up", percent, text: `up ${percent}%` } : { direction: "down", percent, text: `down ${-percent}%` };
}

export function formatReport(f: ReportFigures): FormattedMetric[] {
  const noun = RESULT_NOUN[f.resultLabel];
  const labels: Record<Metric, string> = {
    spend: "Total spend",
    reach: "People reached",
    results: noun.plural,
    costPerResult: `Cost per ${noun.single}`,
    roas: "Return on ad spend",
  };
  const metrics: Metric[] = ["spend", "reach", "results", "costPerResult", "roas"];
  return metrics.map((metric) => {
    const trend = trendOf(f, metric);
    const goodWhenDown = metric === "costPerResult";
    return {
      metric,
      label: labels[metric],
      value: show(metric, f.current, f.currency),
      previous: f.previous ? show(metric, f.previous, f.currency) : null,
      trend,
      better: trend.direction === "up" ? !goodWhenDown : trend.direction === "down" ? goodWhenDown : null,
    };
  });
}

/** "Nov 23 – Nov 29, 2026": the week as the owner reads it (account days, no time zone shift). */
export function formatWeek(f: Pick<ReportFigures, "weekStart" | "weekEnding">): string {
  const fmt = (day: string, withYear: boolean) =>
    new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
  return `${fmt(f.weekStart, false)} – ${fmt(f.weekEnding, true)}`;
}

export const REACH_NOTE = "People reached adds up each day's reach, so someone who saw the ads on two days counts twice.";
