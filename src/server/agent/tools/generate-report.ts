import { lastCompleteWeek } from "@/server/reports/due-weeks";
import { accountToday } from "@/server/performance/account-clock";
import { addDays } from "@/server/performance/account-timezone";
import { generateReportInput } from "../tool-inputs";
import { findLiveCampaign, firstSpendDay } from "./live-campaign";
import type { AgentTool } from "./types";

/**
 * Asks for the report of the live campaign's last complete week now. The event id is the weekly
 * cron's (`weekly-report-<campaignId>-<weekEnding>`), so asking twice, or asking before the cron's
 * tick, builds one report for that week.
 */
export const generateReport: AgentTool<Record<string, never>> = {
  name: "generate_report",
  input: generateReportInput,
  async run(ctx) {
    const record = await findLiveCampaign(ctx.deps.db, ctx);
    if (!record?.adAccountId) return { status: "refused", summary: "There is no live campaign yet, so there is nothing to report." };
    const start = await firstSpendDay(ctx.deps.db, record);
    if (!start) {
      return { status: "refused", summary: "The campaign has not spent anything yet; the first report comes once it has run for a full week." };
    }
    const { date: today } = await accountToday(ctx.deps, record.adAccountId);
    const week = lastCompleteWeek(start, today);
    if (!week) {
      return {
        status: "refused",
        summary: `No full week has finished yet: the first week ends on ${addDays(start, 6)}, and its report can be made from the day after.`,
      };
    }
    const data = { organizationId: ctx.organizationId, projectId: ctx.projectId, campaignId: record.id, ...week };
    return {
      status: "done",
      summary: `Asked for the report of week ${week.week} (ending ${week.weekEnding}). It appears in the conversation when it is ready.`,
      events: [{ name: "reports/weekly-report.requested", data, id: `weekly-report-${record.id}-${week.weekEnding}` }],
    };
  },
};
