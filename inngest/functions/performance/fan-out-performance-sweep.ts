import { inngest } from "@/inngest/client";
import { performanceAccountSweepRequested, performanceSweepRequested } from "@/inngest/events";
import { listAccountsWithActiveCampaigns } from "@/server/performance/live-objects";
import { accountSweepEventId } from "@/server/performance/sweep-ids";

/**
 * One pull request per ad account with live campaigns (not per campaign): each account's pull then
 * batches all of its objects and runs under that account's flow control.
 */
export const fanOutPerformanceSweep = inngest.createFunction(
  { id: "fan-out-performance-sweep", triggers: [performanceSweepRequested] },
  async ({ event, step, deps }) => {
    const { sweepId } = event.data;
    const accounts = await step.run("list-accounts-with-live-campaigns", () => listAccountsWithActiveCampaigns(deps.db));
    if (!accounts.length) return { accounts: 0 };
    await step.sendEvent(
      "request-account-sweeps",
      accounts.map((a) => performanceAccountSweepRequested.create({ ...a, sweepId }, { id: accountSweepEventId(sweepId, a) })),
    );
    return { accounts: accounts.length };
  },
);
