import { inngest } from "@/inngest/client";
import { performanceSnapshotPulled } from "@/inngest/events";
import { deliverSimulatedWebhooks } from "@/server/webhooks/deliver-simulated";

/**
 * The simulated ad account's webhooks: after each pull of a simulated campaign, post (signed, over
 * HTTP, to our own endpoint) the leads and review flags of its complete days, as Facebook would.
 * Every delivery is drawn the same way each time, so a rerun or an overlapping sweep repeats bodies
 * the engine and the handlers already deduplicate. A real Graph account never gets here.
 */
export const deliverSimulatedWebhooksFn = inngest.createFunction(
  {
    id: "webhooks-deliver-simulated",
    triggers: [performanceSnapshotPulled],
    concurrency: { key: "event.data.campaignId", limit: 1 },
    retries: 3,
  },
  async ({ event, step, deps }) => {
    if (deps.services.facebook.kind !== "simulated") return { skipped: "the ad account is real: Facebook sends its own webhooks" };
    return step.run("post-simulated-deliveries", () => deliverSimulatedWebhooks(deps, event.data.campaignId));
  },
);
