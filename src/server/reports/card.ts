import type { ReportFigures } from "@/server/db/schema";
import { formatReport, formatWeek, REACH_NOTE, type FormattedMetric } from "./format";

/** What the chat renders for a report (TEXT message metadata, kind "weekly-report"). JSON-safe. */
export interface ReportCard {
  kind: "weekly-report";
  reportId: string;
  campaignId: string;
  week: number;
  weekLabel: string;
  summary: string;
  metrics: FormattedMetric[];
  /** The chart: spend and results per day of the week. */
  days: ReportFigures["days"];
  currency: string;
  pdfPath: string;
  note: string;
}

export const reportPdfPath = (reportId: string) => `/api/reports/${reportId}/pdf`;

export function buildReportCard(r: { id: string; campaignId: string; week: number; figures: ReportFigures; summary: string }): ReportCard {
  return {
    kind: "weekly-report",
    reportId: r.id,
    campaignId: r.campaignId,
    week: r.week,
    weekLabel: formatWeek(r.figures),
    summary: r.summary,
    metrics: formatReport(r.figures),
    days: r.figures.days,
    currency: r.figures.currency,
    pdfPath: reportPdfPath(r.id),
    note: REACH_NOTE,
  };
}

/** The message's text: what a reader without the card (the plain thread, a search) still gets. */
export function reportMessageText(card: ReportCard): string {
  const lines = card.metrics.map((m) => `${m.label}: ${m.value} (${m.trend.text})`);
  return [`Weekly report, week ${card.week} (${card.weekLabel})`, card.summary, ...lines].join("\n");
}
