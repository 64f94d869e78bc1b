import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { campaignCleanupRequested } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { recordCleanupFailure } from "@/server/campaigns/cleanup-outcome";
import { deletePartialCampaign, markCleanedUp } from "@/server/campaigns/deploy/cleanup";

/**
 * Removes what a failed deployment created. Runs only while the campaign is CLEANING_UP (claimed by the
 * route) and in the same per-ad-account queue as deploy-campaign, so the two never write to one account
 * at once. A cleanup that fails hands the campaign back to DEPLOY_FAILED with the reason.
 */
export const cleanupCampaign = inngest.createFunction(
  {
    id: "cleanup-campaign",
    triggers: [campaignCleanupRequested],
    concurrency: [AD_ACCOUNT_CONCURRENCY],
    retries: 6,
  },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const ref = { organizationId: event.data.organizationId, campaignId: event.data.campaignId };
    try {
      const removed = await step.run("delete-facebook-campaign", () => deletePartialCampaign(deps, ref));
      const marked = await step.run("mark-cleaned-up", () => markCleanedUp(deps, ref));
      return { ...removed, ...marked };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await step.run("record-cleanup-failure", () => recordCleanupFailure(deps.db, { ...ref, message }));
      throw new NonRetriableError(`Cleanup failed: ${message}`);
    }
  },
);
