import { inngest } from "@/inngest/client";
import { performanceRefreshRequested, performanceSnapshotPulled } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { planAccountPull, pullChunk, refreshedCampaigns } from "@/server/performance/pull-account";
import { snapshotPulledEventId } from "@/server/performance/sweep-ids";

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
    const { chunks, ...plan } = await step.run("plan-campaign-pull", () =>
      planAccountPull(deps, { organizationId, adAccountId, campaignIds: [campaignId], sweepId }),
    );
    const outcomes = [];
    for (const [i, chunk] of chunks.entries()) {
      outcomes.push(await step.run(`pull-batch-${i}`, () => pullChunk(deps, { plan, chunk })));
    }
    const campaigns = refreshedCampaigns(plan, chunks, outcomes);
    if (campaigns.length) {
      const date = plan.range.until;
      await step.sendEvent(
        "emit-snapshot-pulled",
        campaigns.map((c) =>
          performanceSnapshotPulled.create(
            { organizationId, projectId: c.projectId, campaignId: c.campaignId, adAccountId, date, sweepId },
            { id: snapshotPulledEventId({ campaignId: c.campaignId, date, sweepId }) },
          ),
        ),
      );
    }
    return { batches: chunks.length, stored: outcomes.reduce((n, o) => n + o.stored, 0), campaigns: campaigns.length };
  },
);
