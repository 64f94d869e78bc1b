import type { ReportCard } from "@/server/reports/card";

type Metric = ReportCard["metrics"][number];

const isMetric = (v: unknown): v is Metric => {
  const m = v as Partial<Metric> | null;
  return typeof m?.label === "string" && typeof m.value === "string" && typeof m.trend?.text === "string";
};

/** Reads the card from a TEXT message's metadata (kind "weekly-report"); null when it is not one we can show. */
export function parseReportCard(metadata: Record<string, unknown> | null): ReportCard | null {
  if (!metadata || metadata.kind !== "weekly-report") return null;
  const c = metadata as Partial<ReportCard>;
  if (typeof c.reportId !== "string" || typeof c.summary !== "string" || !Array.isArray(c.metrics) || !c.metrics.every(isMetric)) return null;
  return {
    kind: "weekly-report",
    reportId: c.reportId,
    campaignId: typeof c.campaignId === "string" ? c.campaignId : "",
    week: typeof c.week === "number" ? c.week : 0,
    weekLabel: typeof c.weekLabel === "string" ? c.weekLabel : "",
    summary: c.summary,
    metrics: c.metrics,
    days: Array.isArray(c.days) ? c.days.filter((d) => typeof d?.spendCents === "number" && typeof d.date === "string") : [],
    currency: typeof c.currency === "string" ? c.currency : "USD",
    pdfPath: typeof c.pdfPath === "string" ? c.pdfPath : `/api/reports/${c.reportId}/pdf`,
    note: typeof c.note === "string" ? c.note : "",
  };
}

/** ▲ / ▼ / – for a trend, and the colour of good or bad news. */
export function trendMark(m: Pick<Metric, "trend" | "better">): { arrow: string; color: string } {
  const arrow = m.trend.direction === "up" ? "▲" : m.trend.direction === "down" ? "▼" : "–";
  return { arrow, color: m.better === null ? "dimmed" : m.better ? "teal.8" : "red.8" };
}
