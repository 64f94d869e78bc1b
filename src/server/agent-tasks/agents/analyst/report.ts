import type { Diagnosis } from "./diagnosis";
import type { WeekOverWeek, WeekTotals } from "./week-over-week";

const money = (cents: number | null, currency: string) => (cents === null ? "–" : `${(cents / 100).toFixed(2)} ${currency}`);
const plain = (v: number | null, suffix = "") => (v === null ? "–" : `${v}${suffix}`);
const change = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${v > 0 ? "+" : ""}${v}%`);

function rows(w: WeekTotals | null, currency: string) {
  if (!w) return ["–", "–", "–", "–", "–", "–", "–"];
  return [money(w.spendCents, currency), plain(w.leads), money(w.costPerLeadCents, currency), plain(w.ctrPercent, "%"), money(w.cpmCents, currency), plain(w.clickToLeadPercent, "%"), plain(w.frequency)];
}

/** The ANALYSIS artifact: the numbers first (computed, not written by the model), then causes and what to try. */
export function analysisMarkdown(o: { campaign: string; currency: string; figures: WeekOverWeek; diagnosis: Diagnosis }): string {
  const { thisWeek, lastWeek, change: c } = o.figures;
  const labels = ["Spend", "Leads", "Cost per lead", "CTR", "CPM", "Click → lead", "Frequency"];
  const keys = ["spendCents", "leads", "costPerLeadCents", "ctrPercent", "cpmCents", "clickToLeadPercent", "frequency"] as const;
  const now = rows(thisWeek, o.currency);
  const before = rows(lastWeek, o.currency);
  const table = labels.map((label, i) => `| ${label} | ${before[i]} | ${now[i]} | ${change(c[keys[i]!])} |`);
  return [
    `# Week over week: ${o.campaign}`,
    "",
    `This week ${thisWeek.from} → ${thisWeek.to} (${thisWeek.days} days)${lastWeek ? `, last week ${lastWeek.from} → ${lastWeek.to} (${lastWeek.days} days)` : ", no earlier week to compare"}.`,
    "",
    "| Metric | Last week | This week | Change |",
    "|---|---|---|---|",
    ...table,
    "",
    "## Likely causes",
    ...o.diagnosis.causes.map((s) => `- ${s}`),
    "",
    "## What to try",
    ...o.diagnosis.tryNext.map((s) => `- ${s}`),
    "",
  ].join("\n");
}
