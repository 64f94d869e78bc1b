import { inngest } from "@/inngest/client";
import { performanceAccountSweepRequested } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { pullAndAnnounce } from "./pull-and-announce";

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
    return pullAndAnnounce({
      step,
      deps,
      target: { organizationId, adAccountId, sweepId },
      stepIds: { plan: "plan-account-pull", emit: "emit-snapshots-pulled" },
    });
  },
);
