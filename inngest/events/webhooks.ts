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

// What the handlers end with: each stage emits its outcome, so later stages (reports, the workspace)
// can chain on it. Ids derive from the change that caused it.

export const adAccountAutomationPaused = eventType("facebook/ad-account.automation-paused", {
  schema: z.object({
    organizationId: z.string().min(1),
    adAccountId: z.string().min(1), // act_<number>
    facebookStatus: z.string().min(1), // DISABLED, UNSETTLED, CLOSED…
    reason: z.string().nullable(),
  }),
});

export const adAccountAutomationResumed = eventType("facebook/ad-account.automation-resumed", {
  schema: z.object({ organizationId: z.string().min(1), adAccountId: z.string().min(1) }),
});

export const adReviewChanged = eventType("facebook/ad.review-changed", {
  schema: z.object({
    organizationId: z.string().min(1),
    campaignId: z.string().min(1),
    adId: z.string().min(1),
    reviewStatus: z.string().min(1),
    reason: z.string().nullable(),
  }),
});

export const objectChangedOutside = eventType("facebook/object.changed-outside", {
  schema: z.object({
    organizationId: z.string().min(1),
    campaignId: z.string().min(1),
    objectId: z.string().min(1),
    objectType: z.enum(["campaign", "adset", "ad"]),
    status: z.string().min(1),
  }),
});

export const leadStored = eventType("facebook/lead.stored", {
  schema: z.object({
    leadId: z.string().min(1),
    leadgenId: z.string().min(1),
    organizationId: z.string().nullable(),
    campaignId: z.string().nullable(),
    match: z.enum(["MATCHED", "UNMATCHED"]),
  }),
});
