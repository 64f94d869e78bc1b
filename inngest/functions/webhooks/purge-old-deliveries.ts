import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { purgeDeliveriesBefore, retentionCutoff } from "@/server/webhooks/deliveries";

const BATCH = 1000;
// A bound on one run's steps (the engine allows 1,000): anything left waits for tomorrow's run.
const MAX_BATCHES = 200;

/** Daily: removes webhook deliveries older than 30 days, one step per batch of 1,000. */
export const purgeOldDeliveries = inngest.createFunction(
  { id: "webhooks-purge-old-deliveries", triggers: [cron("TZ=UTC 37 3 * * *")], concurrency: { limit: 1 } },
  async ({ step, deps }) => {
    // Fixed once, so every replayed batch deletes against the same moment.
    const before = await step.run("cutoff", () => retentionCutoff(new Date()).toISOString());
    let purged = 0;
    for (let n = 0; n < MAX_BATCHES; n++) {
      const gone = await step.run(`purge-batch-${n}`, () => purgeDeliveriesBefore(deps.db, { before: new Date(before), limit: BATCH }));
      purged += gone;
      if (gone < BATCH) break;
    }
    return { purged, before };
  },
);
