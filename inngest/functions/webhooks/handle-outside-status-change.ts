import { inngest } from "@/inngest/client";
import { facebookWebhookReceived, objectChangedOutside } from "@/inngest/events";
import { recordOutsideStatus } from "@/server/webhooks/outside-status";
import { announceTold } from "./announce-told";

const STATUS_FILTER = `event.data.field == 'in_process_ad_objects' && (${["ACTIVE", "PAUSED", "ARCHIVED", "DELETED"]
  .map((s) => `event.data.value.status_name == '${s}'`)
  .join(" || ")})`;

/**
 * A campaign, ad set or ad changed status on Facebook: unless our own records explain it, a person
 * did it (in Ads Manager, say). Their "off" holds the object, so the engine never turns it back on;
 * their "on" releases it. The owner is told once; later stages chain on `facebook/object.changed-outside`.
 */
export const handleOutsideStatusChange = inngest.createFunction(
  {
    id: "webhooks-handle-outside-status-change",
    triggers: [{ event: facebookWebhookReceived, if: STATUS_FILTER }],
    concurrency: [{ key: "event.data.value.id", limit: 1 }],
    retries: 4,
  },
  async ({ event, step, deps, logger }) => {
    const result = await step.run("record-outside-status", () => recordOutsideStatus(deps.db, event.data));
    if ("unmatched" in result) {
      logger.info("Facebook status change for an object we do not know", { changeId: event.data.changeId, reason: result.unmatched });
      return { unmatched: result.unmatched };
    }
    for (const [i, o] of result.outcomes.entries()) {
      if (!o.changed) continue;
      if (o.told) await announceTold(step, { key: `outside-${i}`, told: o.told, kind: "changed-outside" });
      await step.sendEvent(
        `emit-changed-outside-${i}`,
        objectChangedOutside.create(
          { organizationId: o.organizationId, campaignId: o.campaignId, objectId: o.objectId, objectType: o.objectType, status: o.status },
          { id: `object-changed-outside-${event.data.changeId}-${o.organizationId}` },
        ),
      );
    }
    return { outcomes: result.outcomes.map(({ campaignId, status, explainedBy, changed }) => ({ campaignId, status, explainedBy, changed })) };
  },
);
