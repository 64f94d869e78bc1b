import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { performanceSweepRequested } from "@/inngest/events";
import { sweepEventId, sweepIdForTick } from "@/server/performance/sweep-ids";

/**
 * On the monitoring schedule (MONITOR_CRON, every 4 hours by default): one sweep request per tick,
 * its id derived from the tick, so a retried run never starts a second sweep.
 */
export const requestPerformanceSweep = inngest.createFunction(
  { id: "request-performance-sweep", triggers: [cron(env().MONITOR_CRON)] },
  async ({ event, step }) => {
    const sweepId = sweepIdForTick(event);
    await step.sendEvent("request-sweep", performanceSweepRequested.create({ sweepId }, { id: sweepEventId(sweepId) }));
    return { sweepId };
  },
);
