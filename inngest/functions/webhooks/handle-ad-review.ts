import { inngest } from "@/inngest/client";
import { adReviewChanged, facebookWebhookReceived } from "@/inngest/events";
import { recordAdReview } from "@/server/webhooks/ad-review";
import { announceTold } from "./announce-told";

// Review outcomes arrive as `with_issues_ad_objects`, or as `in_process_ad_objects` with a review word;
// ACTIVE on an ad that was turned down means Facebook approved it after all.
const REVIEW_FILTER = [
  "event.data.field == 'with_issues_ad_objects'",
  ...["DISAPPROVED", "WITH_ISSUES", "PENDING_REVIEW", "PREAPPROVED", "APPROVED", "ACTIVE"].map(
    (s) => `(event.data.field == 'in_process_ad_objects' && event.data.value.status_name == '${s}')`,
  ),
].join(" || ");

/**
 * Facebook reviewed one of our ads: mark it (and tell the owner once) for each organization whose
 * campaign owns it, then say so to whoever chains on it. An object we do not know ends here, logged.
 */
export const handleAdReview = inngest.createFunction(
  {
    id: "webhooks-handle-ad-review",
    triggers: [{ event: facebookWebhookReceived, if: REVIEW_FILTER }],
    // Reports about one object are ordered by their entry time anyway; one at a time keeps retries calm.
    concurrency: [{ key: "event.data.value.id", limit: 1 }],
    retries: 4,
  },
  async ({ event, step, deps, logger }) => {
    const result = await step.run("record-review", () => recordAdReview(deps.db, event.data));
    if ("unmatched" in result) {
      logger.info("Facebook review for an object we do not know", { changeId: event.data.changeId, reason: result.unmatched });
      return { unmatched: result.unmatched };
    }
    for (const [i, o] of result.outcomes.entries()) {
      if (!o.changed) continue;
      if (o.told) await announceTold(step, { key: `review-${i}`, told: o.told, kind: "ad-review" });
      await step.sendEvent(
        `emit-review-changed-${i}`,
        adReviewChanged.create(
          { organizationId: o.organizationId, campaignId: o.campaignId, adId: o.objectId, reviewStatus: o.reviewStatus, reason: o.reason },
          { id: `ad-review-changed-${event.data.changeId}-${o.organizationId}` },
        ),
      );
    }
    return { outcomes: result.outcomes.map(({ campaignId, reviewStatus, changed }) => ({ campaignId, reviewStatus, changed })) };
  },
);
