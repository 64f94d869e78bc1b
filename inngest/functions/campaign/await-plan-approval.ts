import { durationToMs } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { campaignPlanApproved, campaignPlanChangesRequested, campaignPlanGenerated } from "@/inngest/events";
import { expirePlan } from "@/server/campaigns/expiry";
import { campaignUrl, emailCampaignUser, loadProjectName } from "@/server/campaigns/notify";
import { getCampaign } from "@/server/campaigns/records";

/**
 * Waits for the human decision on one plan version: a reminder email after PLAN_REMINDER_AFTER, then
 * expiry at PLAN_APPROVAL_TIMEOUT. A change request cancels the wait (the revision starts its own);
 * an approval ends it (deployment listens to the same event).
 */
export const awaitPlanApproval = inngest.createFunction(
  {
    id: "await-plan-approval",
    triggers: [campaignPlanGenerated],
    cancelOn: [{ event: campaignPlanChangesRequested, match: "data.campaignId" }],
  },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const { organizationId, campaignId, version } = event.data;
    const { PLAN_REMINDER_AFTER, PLAN_APPROVAL_TIMEOUT } = env();
    const remainingMs = Math.max(1000, durationToMs(PLAN_APPROVAL_TIMEOUT) - durationToMs(PLAN_REMINDER_AFTER));

    const approved = await step.waitForEvent("wait-for-approval", {
      event: campaignPlanApproved,
      match: "data.campaignId",
      timeout: PLAN_REMINDER_AFTER,
    });
    if (approved) return { outcome: "approved" };

    const reminder = await step.run("remind-approver", async () => {
      const record = await getCampaign(deps.db, { organizationId, campaignId });
      if (!record || record.status !== "PENDING_APPROVAL" || !record.ownerUserId) return { pending: false };
      const plan = record.structure as { name?: string } | null;
      await emailCampaignUser(deps, {
        record,
        userId: record.ownerUserId,
        template: "plan-reminder",
        props: {
          projectName: await loadProjectName(deps, record.projectId),
          campaignName: plan?.name ?? "your campaign",
          approveUrl: campaignUrl(record),
          expiresAt: new Date(Date.now() + remainingMs).toISOString(),
        },
        idempotencyKey: `plan-reminder:${campaignId}:v${version}`,
      });
      return { pending: true };
    });
    if (!reminder.pending) return { outcome: "decided-elsewhere" };

    const late = await step.waitForEvent("wait-for-approval-after-reminder", {
      event: campaignPlanApproved,
      match: "data.campaignId",
      timeout: remainingMs,
    });
    if (late) return { outcome: "approved" };

    const result = await step.run("expire-plan", () => expirePlan(deps.db, { organizationId, campaignId }));
    return { outcome: result.expired ? "expired" : "decided-elsewhere" };
  },
);
