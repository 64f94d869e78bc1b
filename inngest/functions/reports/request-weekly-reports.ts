import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { reportsWeeklyReportRequested } from "@/inngest/events";
import { listDueReports } from "@/server/reports/due-weeks";

/**
 * On the report schedule (REPORT_CRON, Mondays 07:00 UTC by default): one report request per live
 * campaign for its last complete week. The event id names campaign and week, so a retried tick (or
 * the next one, before another week completes) asks for nothing new.
 */
export const requestWeeklyReports = inngest.createFunction(
  { id: "request-weekly-reports", triggers: [cron(env().REPORT_CRON)] },
  async ({ step, deps }) => {
    const due = await step.run("list-live-campaigns", () => listDueReports(deps));
    if (!due.length) return { campaigns: 0 };
    await step.sendEvent(
      "request-reports",
      due.map((d) => reportsWeeklyReportRequested.create(d, { id: `weekly-report-${d.campaignId}-${d.weekEnding}` })),
    );
    return { campaigns: due.length };
  },
);
