import { inngest } from "@/inngest/client";
import { performanceAccountSweepRequested, performanceSnapshotPulled } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { planAccountPull, pullChunk, refreshedCampaigns } from "@/server/performance/pull-account";
import { snapshotPulledEventId } from "@/server/performance/sweep-ids";

/**
 * Pulls every live campaign, ad set and ad of one ad account: one step per Graph batch (≤ 50
 * objects), rows upserted by object and day. A throttled batch waits as long as Graph asked
 * (RetryAfterError) in this account's run only; the account queue is the one deploys share.
 * Then one `performance/snapshot.pulled` per campaign for detection and the rules.
 */
export const pullAccountSnapshots = inngest.createFunction(
  {
    id: "pull-account-snapshots",
    triggers: [performanceAccountSweepRequested],
    concurrency: [AD_ACCOUNT_CONCURRENCY, { limit: 10 }],
    throttle: { key: "event.data.adAccountId", limit: 10, period: "1m" },
    retries: 6,
  },
  async ({ event, step, deps }) => {
    const { organizationId, adAccountId, sweepId } = event.data;
    const { chunks, ...plan } = await step.run("plan-account-pull", () => planAccountPull(deps, { organizationId, adAccountId, sweepId }));
    const outcomes = [];
    for (const [i, chunk] of chunks.entries()) {
      outcomes.push(await step.run(`pull-batch-${i}`, () => pullChunk(deps, { plan, chunk })));
    }
    const campaigns = refreshedCampaigns(plan, chunks, outcomes);
    if (campaigns.length) {
      const date = plan.range.until;
      await step.sendEvent(
        "emit-snapshots-pulled",
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
