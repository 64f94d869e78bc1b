import { inngest } from "@/inngest/client";
import { facebookAccountConnected } from "@/inngest/events";
import { AD_ACCOUNT_CONCURRENCY } from "@/inngest/flow-control";
import { toStepError } from "@/server/campaigns/deploy/graph-errors";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { refusedOf, subscribeToWebhooks, tellOwnerSubscriptionRefused, type SubscriptionTarget } from "@/server/webhooks/subscribe";

/** Throttles wait as long as Graph asked, transient failures take the normal backoff. */
const forRetry = (error: unknown): never => {
  throw toStepError(error);
};

/**
 * Once an ad account is connected, asks Facebook to deliver its webhooks to our app: the Page for
 * leads, the ad account for review, status and standing changes. Without this, real Facebook sends us
 * nothing. Each subscribe is idempotent on Graph's side, so retries and redeliveries only ask again.
 * A refusal is told to the owner once per login (the event's id), in plain words.
 */
export const subscribeWebhooks = inngest.createFunction(
  {
    id: "webhooks-subscribe",
    triggers: [facebookAccountConnected],
    // Graph callers of one ad account take turns (see flow-control.ts).
    concurrency: [AD_ACCOUNT_CONCURRENCY],
    throttle: { key: "event.data.adAccountId", limit: 5, period: "1m" },
    retries: 6,
  },
  async ({ event, step, deps, logger }) => {
    const { organizationId, userId, connectionId, adAccountId } = event.data;
    const subscribe = (target: SubscriptionTarget) =>
      subscribeToWebhooks(deps, { organizationId, userId, connectionId, adAccountId, target, now: new Date() }).catch(forRetry);
    const page = await step.run("subscribe-page", () => subscribe("page"));
    const adAccount = await step.run("subscribe-ad-account", () => subscribe("ad-account"));
    const refused = refusedOf([page, adAccount]);
    if (refused.length === 0) return { page, adAccount };

    for (const r of refused) logger.warn(`Facebook refused the ${r.target} webhook subscription of connection ${connectionId} (Graph code ${r.code})`);
    const key = event.id ?? `${connectionId}:${adAccountId}`;
    const notification = await step.run("tell-owner", () =>
      tellOwnerSubscriptionRefused(deps.db, { organizationId, userId, projectId: event.data.projectId ?? null, outcomes: [page, adAccount], key }),
    );
    if (notification) await step.sendEvent("announce-notification", notificationCreatedEvent(notification));
    return { page, adAccount, notificationId: notification?.id ?? null };
  },
);
