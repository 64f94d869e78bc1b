import { inngest } from "@/inngest/client";
import { performanceCampaignWeekCompleted, reportsWeeklyReportRequested } from "@/inngest/events";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { emailWeeklyReport } from "@/server/reports/email";
import { findWeeklyReport, loadReportFigures } from "@/server/reports/load";
import { saveWeeklyReport } from "@/server/reports/save";
import { writeReportSummary } from "@/server/reports/summary";

/**
 * One campaign's report for one week, from monitoring's "a week completed" or the weekly cron (both
 * name the week the same way): figures from the snapshots, a checked summary, then the report saved
 * once with its artifact, card and notification, the bell told, and the email sent with its key.
 */
export const buildWeeklyReport = inngest.createFunction(
  {
    id: "build-weekly-report",
    triggers: [performanceCampaignWeekCompleted, reportsWeeklyReportRequested],
    concurrency: { key: "event.data.campaignId", limit: 1 },
  },
  async ({ event, step, deps, runId }) => {
    const { organizationId, campaignId, weekEnding, week } = event.data;
    const loaded = await step.run("load-figures", async () => {
      if (await findWeeklyReport(deps.db, { organizationId, campaignId, weekEnding })) return { done: true as const };
      const found = await loadReportFigures(deps.db, { organizationId, campaignId, weekEnding });
      if (!found) return null;
      const { record: r, figures } = found;
      return { done: false as const, figures, target: { organizationId, projectId: r.projectId, campaignId, conversationId: r.conversationId, ownerUserId: r.ownerUserId } };
    });
    if (!loaded) return { outcome: "no-campaign" };
    // A report saved by another run (or the other trigger) is the week's report: nothing more to do.
    if (loaded.done) return { outcome: "already-reported" };

    const written = await step.run("write-summary", () =>
      writeReportSummary(deps.services.llm, { figures: loaded.figures, week, usage: { organizationId, projectId: loaded.target.projectId, runId, feature: "weekly-report", dedupeKey: `weekly-report:${campaignId}:${weekEnding}` } }),
    );
    const saved = await step.run("save-report", () =>
      saveWeeklyReport(deps.db, { target: loaded.target, week, figures: loaded.figures, summary: written.summary, summarySource: written.source, runId }),
    );
    if (!saved.posted) return { outcome: "already-reported", reportId: saved.reportId };
    if (saved.notification) await step.sendEvent("emit-notification-created", notificationCreatedEvent(saved.notification));
    await step.run("email-report", () => emailWeeklyReport(deps, { organizationId, reportId: saved.reportId }));
    return { outcome: "reported", reportId: saved.reportId, summarySource: written.source, rejected: written.rejected };
  },
);
