import { RetryAfterError, type GetStepTools } from "inngest";
import { inngest } from "@/inngest/client";
import { facebookWebhookReceived, leadStored } from "@/inngest/events";
import { DEFAULT_RATE_LIMIT_WAIT_MS } from "@/server/campaigns/deploy/graph-errors";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { GraphApiError } from "@/server/services/facebook/types";
import { fetchAndStoreLead } from "@/server/webhooks/leads";
import { matchLeadgenChange } from "@/server/webhooks/leads-match";
import type { StoredLead } from "@/server/webhooks/leads-store";
import { parseLeadgenChange } from "@/server/webhooks/leads-value";

/** Graph's page throttle waits as long as Graph asked; anything else thrown takes the normal backoff. */
const waitOnThrottle = (error: unknown): never => {
  if (error instanceof GraphApiError && error.kind === "rate-limit") {
    throw new RetryAfterError(error.message, error.details.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  }
  throw error;
};

/** The bell (when the owner was notified) and `facebook/lead.stored`, both with ids derived from the lead. */
async function announce(step: GetStepTools<typeof inngest>, leadgenId: string, stored: StoredLead) {
  if (stored.notification) await step.sendEvent("notify-owner", notificationCreatedEvent(stored.notification));
  const { leadId, organizationId, campaignId, match } = stored;
  await step.sendEvent("emit-lead-stored", leadStored.create({ leadId, leadgenId, organizationId, campaignId, match }, { id: `facebook-lead-stored-${leadgenId}` }));
}

/**
 * A Lead Ads lead: match it to an organization (by our ad, else by a page only one organization
 * connected), read its answers from Graph with that organization's login, store it once per leadgen
 * id with the owner's notification, then announce both. Fetch and store share a step so the answers
 * (personal data) never sit in the run's state; steps return ids only. No email: see ARCHITECTURE.md.
 */
export const handleLeadgen = inngest.createFunction(
  {
    id: "webhooks-handle-leadgen",
    triggers: [{ event: facebookWebhookReceived, if: "event.data.object == 'page' && event.data.field == 'leadgen'" }],
    // Graph counts lead reads against the page: a burst from one busy form queues there, other pages carry on.
    concurrency: [{ key: "event.data.entryId", limit: 2 }],
    throttle: { key: "event.data.entryId", limit: 60, period: "1m", burst: 10 },
    retries: 6,
    // Graph kept failing (outage, a throttle that outlasted the retries): the lead is stored without
    // its answers and the owner told, rather than lost in a failed run. A stored lead stays as it was.
    onFailure: async ({ event, step, deps }) => {
      const parsed = parseLeadgenChange(event.data.event.data);
      if (!parsed.ok) return { skipped: parsed.problem };
      const { change } = parsed;
      const match = await step.run("match-lead", () => matchLeadgenChange(deps.db, change));
      const givenUp = "Facebook did not answer the agency's requests for it, several times over";
      const stored = await step.run("store-lead-without-answers", () =>
        fetchAndStoreLead(deps, { change, match, fallbackTime: new Date(event.data.event.data.time * 1000), now: new Date(), givenUp }),
      );
      await announce(step, change.leadgenId, stored);
      return { leadId: stored.leadId, created: stored.created };
    },
  },
  async ({ event, step, deps, logger }) => {
    const parsed = parseLeadgenChange(event.data);
    if (!parsed.ok) {
      // Nothing to fetch or deduplicate on. The words name fields, never values.
      logger.warn(`Leadgen change ${event.data.changeId} ignored: ${parsed.problem}`);
      return { skipped: parsed.problem };
    }
    const { change } = parsed;
    const match = await step.run("match-lead", () => matchLeadgenChange(deps.db, change));
    const stored = await step.run("fetch-and-store-lead", () =>
      fetchAndStoreLead(deps, { change, match, fallbackTime: new Date(event.data.time * 1000), now: new Date() }).catch(waitOnThrottle),
    );
    await announce(step, change.leadgenId, stored);
    return { leadId: stored.leadId, match: stored.match, created: stored.created, ...(match.match === "UNMATCHED" ? { reason: match.reason } : {}) };
  },
);
