import { inngest } from "@/inngest/client";
import { facebookWebhookDeliveryAccepted } from "@/inngest/events";
import { recordDelivery } from "@/server/webhooks/deliveries";

/**
 * Keeps every accepted Facebook delivery (raw, as signed) for support, out of the request path: the
 * endpoint only sends the event. Insert-once, so a redelivery or a retried run stores one row.
 */
export const recordWebhookDelivery = inngest.createFunction(
  { id: "webhooks-record-delivery", triggers: [facebookWebhookDeliveryAccepted] },
  async ({ event, step, deps }) => {
    return step.run("store-delivery", () => recordDelivery(deps.db, event.data));
  },
);
