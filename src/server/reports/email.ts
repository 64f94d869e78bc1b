import { env } from "@/env";
import { campaignUrl, emailCampaignUser, loadProjectName } from "@/server/campaigns/notify";
import { getCampaign } from "@/server/campaigns/records";
import type { Deps } from "@/server/deps";
import { buildReportCard } from "./card";
import { getWeeklyReport } from "./load";

/** Emails the campaign's owner the report (same figures as the card); the key per report makes a retry send once. */
export async function emailWeeklyReport(deps: Deps, ref: { organizationId: string; reportId: string }) {
  const report = await getWeeklyReport(deps.db, ref);
  const record = report ? await getCampaign(deps.db, { organizationId: ref.organizationId, campaignId: report.campaignId }) : null;
  if (!report || !record?.ownerUserId) return { sent: false as const, reason: "no owner" };
  const card = buildReportCard(report);
  return emailCampaignUser(deps, {
    record,
    userId: record.ownerUserId,
    template: "weekly-report",
    props: {
      projectName: await loadProjectName(deps, record.projectId),
      week: report.week,
      weekLabel: card.weekLabel,
      summary: report.summary,
      metrics: card.metrics.map((m) => ({ label: m.label, value: m.value, trend: m.trend.text, better: m.better })),
      note: card.note,
      reportUrl: campaignUrl(record),
      pdfUrl: `${env().APP_URL}${card.pdfPath}`,
    },
    idempotencyKey: `weekly-report:${report.id}`,
  });
}
