import { RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { facebookWebhookReceived, leadStored } from "@/inngest/events";
import { DEFAULT_RATE_LIMIT_WAIT_MS } from "@/server/campaigns/deploy/graph-errors";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { GraphApiError } from "@/server/services/facebook/types";
import { fetchAndStoreLead } from "@/server/webhooks/leads";
import { matchLeadgenChange } from "@/server/webhooks/leads-match";
import { parseLeadgenChange } from "@/server/webhooks/leads-value";

/** Graph's page throttle waits as long as Graph asked; anything else thrown takes the normal backoff. */
const waitOnThrottle = (error: unknown): never => {
  if (error instanceof GraphApiError && error.kind === "rate-limit") {
    throw new RetryAfterError(error.message, error.details.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  }
  throw error;
};

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
    if (stored.notification) await step.sendEvent("notify-owner", notificationCreatedEvent(stored.notification));
    const { leadId, organizationId, campaignId } = stored;
    await step.sendEvent(
      "emit-lead-stored",
      leadStored.create({ leadId, leadgenId: change.leadgenId, organizationId, campaignId, match: stored.match }, { id: `facebook-lead-stored-${change.leadgenId}` }),
    );
    return { leadId, match: stored.match, created: stored.created, ...(match.match === "UNMATCHED" ? { reason: match.reason } : {}) };
  },
);
