import type { Deps } from "@/server/deps";
import type { Db } from "@/server/db";
import { decryptConnectionToken, findConnection, markConnectionNeedsReconnect } from "@/server/facebook/connections";
import { returnPath } from "@/server/facebook/oauth";
import { createNotification } from "@/server/notifications/notifications";
import { GraphApiError } from "@/server/services/facebook/types";
import { subscriptionRefusedText } from "./subscribe-words";

/** What gets subscribed to our app's webhooks: the Page (leads) and the ad account (ad review, statuses, standing). */
export type SubscriptionTarget = "page" | "ad-account";

export type SubscriptionOutcome =
  | { target: SubscriptionTarget; status: "subscribed" }
  /** Nothing to subscribe: no Page on the login, or the login is no longer this account's. */
  | { target: SubscriptionTarget; status: "skipped"; reason: string }
  /** Facebook said no for good. `permission`: a permission or Page role is missing; `reason`: Facebook's words for people. */
  | { target: SubscriptionTarget; status: "refused"; permission: boolean; code: number; reason: string | null }
  /** Graph refused the login itself (190): the connection is marked to reconnect, as other Graph callers do. */
  | { target: SubscriptionTarget; status: "login-refused"; markedExpired: boolean };

export interface ConnectedAccount {
  organizationId: string;
  userId: string;
  connectionId: string;
  adAccountId: string;
}

/** Graph's permission family: 3 (capability), 10 (permission denied), 200–299 (permissions errors). */
export const isPermissionError = (code: number) => code === 3 || code === 10 || (code >= 200 && code <= 299);

/**
 * Subscribes one target with the login that was just connected. Graph's subscribe is idempotent, so
 * a retried step or a redelivered event only asks again. Throttles and transient failures throw for
 * the step to retry; a refusal or an expired login is an answer. The token (and the Page token Graph
 * hands out on the way) never leaves this call.
 */
export async function subscribeToWebhooks(
  deps: Deps,
  input: ConnectedAccount & { target: SubscriptionTarget; now: Date },
): Promise<SubscriptionOutcome> {
  const { target } = input;
  const row = await findConnection(deps.db, input);
  if (!row || row.id !== input.connectionId || row.status !== "ACTIVE" || row.adAccountId !== input.adAccountId) {
    // A reconnect since (or a disconnect) sends its own event, which subscribes what is current then.
    return { target, status: "skipped", reason: "the Facebook login is no longer connected to this ad account" };
  }
  if (target === "page" && !row.pageId) return { target, status: "skipped", reason: "the Facebook login has no Page" };
  const facebook = deps.services.facebook;
  try {
    const accessToken = decryptConnectionToken(row);
    if (target === "page") await facebook.subscribePageToLeads(accessToken, row.pageId!);
    else await facebook.subscribeAdAccountToApp({ accessToken, adAccountId: input.adAccountId });
    return { target, status: "subscribed" };
  } catch (error) {
    if (!(error instanceof GraphApiError) || error.kind === "rate-limit" || error.kind === "transient") throw error;
    if (error.kind === "auth") {
      const { expired } = await markConnectionNeedsReconnect(deps.db, { organizationId: row.organizationId, userId: row.userId, seenAt: input.now });
      return { target, status: "login-refused", markedExpired: expired };
    }
    const { code, userMessage } = error.details;
    return { target, status: "refused", permission: isPermissionError(code), code, reason: userMessage ?? null };
  }
}

export type RefusedSubscription = Extract<SubscriptionOutcome, { status: "refused" }>;

export const refusedOf = (outcomes: SubscriptionOutcome[]): RefusedSubscription[] =>
  outcomes.filter((o): o is RefusedSubscription => o.status === "refused");

/**
 * Records Facebook's refusal where the owner sees it: one notification per login, keyed by `key` (the
 * connected event's own id, which names the connection, account and login), so a redelivered event
 * or a retried step finds the first row and nothing is said twice. Null when nothing was refused.
 */
export async function tellOwnerSubscriptionRefused(
  db: Db,
  input: { organizationId: string; userId: string; projectId: string | null; outcomes: SubscriptionOutcome[]; key: string },
) {
  const refused = refusedOf(input.outcomes);
  if (refused.length === 0) return null;
  const { notification } = await createNotification(db, {
    organizationId: input.organizationId,
    userId: input.userId,
    projectId: input.projectId,
    type: "ALERT",
    ...subscriptionRefusedText(refused),
    link: returnPath(input.projectId, { facebook: "connect" }),
    dedupeKey: `webhooks-subscribe-refused:${input.key}`,
  });
  return { id: notification.id, organizationId: notification.organizationId, userId: notification.userId, type: notification.type };
}
