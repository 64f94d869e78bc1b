import { eventType } from "inngest";
import { z } from "zod";

/**
 * Facebook webhooks. The route verifies the signature and sends, in one call, the delivery itself
 * (stored by a function for 30 days, so no database work happens in the request) and one event per
 * change, whose id is derived from the change, so a redelivery is dropped by the engine's dedupe.
 * No tenant here: which organization a change belongs to is worked out by the function that handles it.
 */
export const facebookWebhookDeliveryAccepted = eventType("facebook/webhook.delivery-accepted", {
  schema: z.object({
    deliveryId: z.string().min(1), // sha256 of the raw body
    receivedAt: z.string().min(1), // ISO time the endpoint accepted it
    object: z.string().min(1), // "ad_account", "page", "application", …
    raw: z.string(), // the exact bytes Facebook signed (capped by the endpoint)
    changeCount: z.number().int().nonnegative(),
  }),
});

export const facebookWebhookReceived = eventType("facebook/webhook.received", {
  schema: z.object({
    deliveryId: z.string().min(1),
    changeId: z.string().min(1), // sha256 of (object, entry id, time, field, value)
    object: z.string().min(1),
    entryId: z.string().min(1), // the ad account (act_…/number), page or app the change is about
    time: z.number().int().nonnegative(), // Facebook's entry time (unix seconds)
    field: z.string().min(1), // "leadgen", "with_issues_ad_objects", "in_process_ad_objects", "ad_account_update"…
    value: z.record(z.string(), z.unknown()),
  }),
});
