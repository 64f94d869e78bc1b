import { inngest } from "@/inngest/client";
import { performanceSnapshotPulled } from "@/inngest/events";
import { measureImpacts } from "@/server/optimization/impact";

/**
 * The impact ledger: a few days after an action was applied, its objects' numbers before vs after
 * (spend saved, conversions gained), stored on the action and shown on its card. Reads our own
 * snapshots only, never Graph; one run per campaign at a time, and the store is a compare-and-set.
 */
export const measureActionImpact = inngest.createFunction(
  {
    id: "measure-action-impact",
    triggers: [performanceSnapshotPulled],
    concurrency: [{ key: "event.data.campaignId", limit: 1 }],
  },
  async (ctx) => {
    const { event, step, deps } = ctx;
    const { organizationId, campaignId, date } = event.data;
    return step.run("measure-impacts", () => measureImpacts(deps, { organizationId, campaignId, date }));
  },
);
