import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { weeklyReports, type ReportFigures } from "@/server/db/schema";
import { getCampaign, type CampaignRecord } from "@/server/campaigns/records";
import { addDays } from "@/server/performance/account-timezone";
import { campaignLevelRows } from "@/server/performance/series";
import { countLeadConversions } from "@/server/webhooks/leads-series";
import { computeReportFigures } from "./figures";

export type WeeklyReport = typeof weeklyReports.$inferSelect;

function resultLabel(structure: unknown): ReportFigures["resultLabel"] {
  const objective = (structure as { objective?: unknown } | null)?.objective;
  return objective === "OUTCOME_LEADS" ? "leads" : objective === "OUTCOME_SALES" ? "sales" : "results";
}

/**
 * The campaign's own rows (campaign level, as Graph reports it) for the week and the 7 days before,
 * with a lead campaign's stored leads counted as the campaign page counts them. Null without a
 * deployed campaign in that organization.
 */
export async function loadReportFigures(
  db: Db,
  opts: { organizationId: string; campaignId: string; weekEnding: string },
): Promise<{ record: CampaignRecord; figures: ReportFigures } | null> {
  const record = await getCampaign(db, opts);
  if (!record?.fbCampaignId) return null;
  const rows = await campaignLevelRows(db, record, { since: addDays(opts.weekEnding, -13), until: opts.weekEnding });
  const days = await countLeadConversions(db, record, rows);
  return { record, figures: computeReportFigures({ rows: days, weekEnding: opts.weekEnding, currency: record.currency, resultLabel: resultLabel(record.structure) }) };
}

export async function findWeeklyReport(db: Db, opts: { organizationId: string; campaignId: string; weekEnding: string }) {
  const [row] = await db
    .select()
    .from(weeklyReports)
    .where(and(eq(weeklyReports.organizationId, opts.organizationId), eq(weeklyReports.campaignId, opts.campaignId), eq(weeklyReports.weekEnding, opts.weekEnding)));
  return row ?? null;
}

/** A report by id within the viewer's organization only (another organization's id reads as missing). */
export async function getWeeklyReport(db: Db, opts: { organizationId: string; reportId: string }) {
  const [row] = await db.select().from(weeklyReports).where(and(eq(weeklyReports.organizationId, opts.organizationId), eq(weeklyReports.id, opts.reportId)));
  return row ?? null;
}
