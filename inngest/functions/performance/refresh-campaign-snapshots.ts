import { inngest } from "@/inngest/client";
import { performanceRefreshRequested } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { pullAndAnnounce } from "./pull-and-announce";

/**
 * The owner asked for fresh numbers on one campaign: the same pull as a sweep, limited to that
 * campaign. Debounced per campaign (a burst of clicks is one pull) and under the account's flow control.
 */
export const refreshCampaignSnapshots = inngest.createFunction(
  {
    id: "refresh-campaign-snapshots",
    triggers: [performanceRefreshRequested],
    debounce: { key: "event.data.campaignId", period: "30s", timeout: "2m" },
    concurrency: [AD_ACCOUNT_CONCURRENCY, { limit: 10 }],
    throttle: { key: "event.data.adAccountId", limit: 10, period: "1m" },
    retries: 4,
  },
  async ({ event, step, deps, runId }) => {
    const { organizationId, adAccountId, campaignId } = event.data;
    // The run's id is stable across its retries: the snapshot event it sends keeps one id.
    const sweepId = `refresh-${runId}`;
    return pullAndAnnounce({
      step,
      deps,
      target: { organizationId, adAccountId, campaignIds: [campaignId], sweepId },
      stepIds: { plan: "plan-campaign-pull", emit: "emit-snapshot-pulled" },
    });
  },
);
