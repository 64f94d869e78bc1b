import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { artifacts, notifications, weeklyReports, type ReportFigures } from "@/server/db/schema";
import { ensureCampaignConversation, postCampaignMessage } from "@/server/campaigns/records";
import type { NotificationType } from "@/server/notifications/notifications";
import { buildReportCard, reportMessageText } from "./card";
import { formatWeek } from "./format";

export interface ReportTarget {
  organizationId: string;
  projectId: string;
  campaignId: string;
  conversationId: string | null;
  ownerUserId: string | null;
}

export interface SavedReport {
  reportId: string;
  /** This run saved it (now or in an earlier attempt of the same run); false when another run had. */
  posted: boolean;
  notification: { id: string; organizationId: string; userId: string; type: NotificationType } | null;
}

/** What `notification/created` needs of the row (JSON-safe: it crosses a step boundary). */
const bellOf = (n: typeof notifications.$inferSelect | undefined) => (n ? { id: n.id, organizationId: n.organizationId, userId: n.userId, type: n.type } : null);

export const reportNotificationKey = (campaignId: string, weekEnding: string) => `weekly-report:${campaignId}:${weekEnding}`;

/**
 * Saves the week's report at most once per campaign and week: the report row, its REPORT artifact,
 * the card message and the owner's notification commit together, and the row's unique key lets
 * exactly one of any number of racing runs through. The inserting run is stored on the row, so a
 * retry of that run (whose first attempt committed but never reported back) still finishes its work.
 */
export async function saveWeeklyReport(
  db: Db,
  opts: { target: ReportTarget; week: number; figures: ReportFigures; summary: string; summarySource: "model" | "template"; runId: string },
): Promise<SavedReport> {
  const { target: t, figures: f } = opts;
  const key = reportNotificationKey(t.campaignId, f.weekEnding);
  return db.transaction(async (tx) => {
    const [report] = await tx
      .insert(weeklyReports)
      .values({
        organizationId: t.organizationId,
        projectId: t.projectId,
        campaignId: t.campaignId,
        week: opts.week,
        weekStart: f.weekStart,
        weekEnding: f.weekEnding,
        figures: f,
        summary: opts.summary,
        summarySource: opts.summarySource,
        createdByRun: opts.runId,
      })
      .onConflictDoNothing({ target: [weeklyReports.campaignId, weeklyReports.weekEnding] })
      .returning();
    if (!report) {
      const [existing] = await tx
        .select()
        .from(weeklyReports)
        .where(and(eq(weeklyReports.campaignId, t.campaignId), eq(weeklyReports.weekEnding, f.weekEnding)));
      if (!existing || existing.createdByRun !== opts.runId) return { reportId: existing!.id, posted: false, notification: null };
      const [n] = await tx.select().from(notifications).where(eq(notifications.dedupeKey, key));
      return { reportId: existing.id, posted: true, notification: bellOf(n) };
    }
    const conversationId = t.conversationId ?? (await ensureCampaignConversation(tx, t));
    const card = buildReportCard(report);
    const title = `Weekly report: ${formatWeek(f)}`;
    const [artifact] = await tx
      .insert(artifacts)
      .values({ organizationId: t.organizationId, projectId: t.projectId, conversationId, type: "REPORT", title, content: { ...card } })
      .returning({ id: artifacts.id });
    const messageId = await postCampaignMessage(tx, {
      organizationId: t.organizationId,
      conversationId,
      type: "TEXT",
      role: "ASSISTANT",
      content: reportMessageText(card),
      metadata: { ...card },
    });
    await tx.update(weeklyReports).set({ artifactId: artifact!.id, messageId }).where(eq(weeklyReports.id, report.id));
    if (!t.ownerUserId) return { reportId: report.id, posted: true, notification: null };
    const [n] = await tx
      .insert(notifications)
      .values({
        organizationId: t.organizationId,
        userId: t.ownerUserId,
        projectId: t.projectId,
        conversationId,
        type: "REPORT",
        title: `Your weekly report is ready (week ${opts.week})`,
        body: opts.summary,
        link: `/projects/${t.projectId}`,
        dedupeKey: key,
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning();
    return { reportId: report.id, posted: true, notification: bellOf(n) };
  });
}
