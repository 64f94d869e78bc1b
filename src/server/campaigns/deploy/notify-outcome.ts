import type { Deps } from "@/server/deps";
import { campaignPlanSchema } from "../plan-schema";
import { campaignUrl, emailCampaignUser, loadProjectName, notifyCampaignUser } from "../notify";
import { getCampaign } from "../records";

type Outcome =
  | { outcome: "live" }
  | { outcome: "failed"; attempt: number; failedStep: string; errorMessage: string };

/**
 * Tells the people involved how a deployment ended: the approver (who pressed the button) gets the
 * in-app notification, the approver and the plan's owner the email. Keys are per campaign (live) or per
 * attempt (failed), so a retried step neither notifies nor emails twice.
 */
export async function notifyDeployOutcome(deps: Deps, opts: { organizationId: string; campaignId: string } & Outcome) {
  const record = await getCampaign(deps.db, opts);
  if (!record) throw new Error(`Campaign ${opts.campaignId} not found`);
  const userId = record.approvedBy ?? record.ownerUserId;
  if (!userId) return { notification: null };
  const name = campaignPlanSchema.parse(record.structure).name;
  const projectName = await loadProjectName(deps, record.projectId);
  const key = opts.outcome === "live" ? `campaign-live:${record.id}` : `deploy-failed:${record.id}:a${opts.attempt}`;

  const notification = await notifyCampaignUser(deps, {
    record,
    userId,
    type: opts.outcome === "live" ? "CAMPAIGN_LIVE" : "DEPLOY_FAILED",
    title: opts.outcome === "live" ? `${name} is live` : `${name} could not be launched`,
    body: opts.outcome === "live" ? "Your campaign is running on Facebook." : `Stopped at ${opts.failedStep}: ${opts.errorMessage}`,
    dedupeKey: key,
  });
  const recipients = [...new Set([userId, record.ownerUserId].filter((u): u is string => Boolean(u)))];
  for (const to of recipients) {
    const idempotencyKey = `${key}:${to}`;
    if (opts.outcome === "live") {
      await emailCampaignUser(deps, {
        record,
        userId: to,
        template: "campaign-live",
        props: { projectName, campaignName: name, campaignUrl: campaignUrl(record) },
        idempotencyKey,
      });
    } else {
      await emailCampaignUser(deps, {
        record,
        userId: to,
        template: "deploy-failed",
        props: { projectName, campaignName: name, failedStep: opts.failedStep, errorMessage: opts.errorMessage, campaignUrl: campaignUrl(record) },
        idempotencyKey,
      });
    }
  }
  return { notification };
}
