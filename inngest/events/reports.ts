import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The weekly cron asks for one campaign's report for its last complete week (weeks count from the
 * first day of spend, as `performance/campaign.week-completed` does, so both name the same week).
 */
export const reportsWeeklyReportRequested = eventType("reports/weekly-report.requested", {
  schema: z.object({ ...tenant, projectId: id, campaignId: id, weekEnding: day, week: z.number().int().positive() }),
});
