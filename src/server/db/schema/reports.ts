import { index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { artifacts } from "./artifacts";
import { campaignRecords } from "./campaigns";
import { createdAt, id } from "./columns";
import { projects, tenantId } from "./tenancy";

/** One week's totals for a campaign; amounts in hundredths of the campaign's currency. */
export interface WeekTotals {
  spendCents: number;
  /** Each day's reach added up: a person reached on two days counts twice (Graph gives reach per day). */
  reach: number;
  results: number;
  conversionValueCents: number;
  /** Null when the week had no results (never a division by zero). */
  costPerResultCents: number | null;
  /** Conversion value per unit of spend; null when nothing was spent or no value was recorded. */
  roas: number | null;
}

export interface ReportFigures {
  currency: string;
  resultLabel: "leads" | "sales" | "results";
  weekStart: string;
  weekEnding: string;
  current: WeekTotals;
  /** The 7 days before; null when none of them has a row (the campaign's first week). */
  previous: WeekTotals | null;
  /** The week's days for the chart, oldest first (a day without a row is zero). */
  days: { date: string; spendCents: number; results: number }[];
}

/**
 * A campaign's weekly report: unique per campaign and week ending, so a rerun, the cron and the
 * monitoring event for the same week, or racing runs all leave one row. The artifact (type REPORT)
 * is what the project lists; this row holds the figures the card, email and PDF are drawn from.
 */
export const weeklyReports = pgTable(
  "weekly_reports",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    campaignId: text()
      .notNull()
      .references(() => campaignRecords.id, { onDelete: "cascade" }),
    artifactId: text().references(() => artifacts.id, { onDelete: "set null" }),
    week: integer().notNull(),
    weekStart: text().notNull(),
    weekEnding: text().notNull(),
    figures: jsonb().$type<ReportFigures>().notNull(),
    summary: text().notNull(),
    // "model" when the model's summary passed the number check, "template" otherwise.
    summarySource: text().$type<"model" | "template">().notNull(),
    messageId: text(),
    // The run that inserted it: a retry of that run finishes its work, another run does nothing.
    createdByRun: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("weekly_reports_once_a_week").on(t.campaignId, t.weekEnding), index().on(t.organizationId, t.projectId)],
);
