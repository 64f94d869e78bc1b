import { inngest } from "@/inngest/client";
import { facebookWebhookDeliveryAccepted } from "@/inngest/events";
import { recordDeliveries } from "@/server/webhooks/deliveries";

/**
 * Keeps every accepted Facebook delivery (raw, as signed) for support, out of the request path: the
 * endpoint only sends the event. Batched, because a burst of deliveries would otherwise be one run
 * (one call back into the app) each, competing with the acknowledgements; a row appears within a
 * second. Insert-once, so a redelivery or a retried run stores one row.
 */
export const recordWebhookDelivery = inngest.createFunction(
  { id: "webhooks-record-delivery", triggers: [facebookWebhookDeliveryAccepted], batchEvents: { maxSize: 100, timeout: "1s" } },
  async ({ events, step, deps }) => {
    return step.run("store-deliveries", () => recordDeliveries(deps.db, events.map((e) => e.data)));
  },
);
