import { inngest } from "@/inngest/client";
import { campaignCleanupRequested } from "@/inngest/events";
import { deletePartialCampaign, markCleanedUp } from "@/server/campaigns/deploy/cleanup";

/** Removes what a failed deployment created, sharing the deploy function's per-account flow control. */
export const cleanupCampaign = inngest.createFunction(
  {
    id: "cleanup-campaign",
    triggers: [campaignCleanupRequested],
    concurrency: [{ key: "event.data.adAccountId", limit: 1 }],
    retries: 6,
  },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const ref = { organizationId: event.data.organizationId, campaignId: event.data.campaignId };
    const removed = await step.run("delete-facebook-campaign", () => deletePartialCampaign(deps, ref));
    const marked = await step.run("mark-cleaned-up", () => markCleanedUp(deps, ref));
    return { ...removed, ...marked };
  },
);
