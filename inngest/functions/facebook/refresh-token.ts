import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { facebookTokenRefreshRequested } from "@/inngest/events";
import { expireConnection, refreshConnectionToken } from "@/server/facebook/refresh";
import { sendEmail } from "@/server/mail/send-email";
import { notificationCreatedEvent } from "@/server/notifications/events";
import { createNotification } from "@/server/notifications/notifications";

/**
 * Refreshes one connection's token. When Facebook refuses, the connection becomes EXPIRED (unless
 * the owner reconnected meanwhile) and the user gets a notification and a "token-expiring" email
 * (both keyed by connection and old expiry, so retries and replays tell them once) with a link to
 * reconnect. A token our keyring cannot decrypt is logged as an error for the operator instead.
 */
export const refreshToken = inngest.createFunction(
  {
    id: "facebook-refresh-token",
    triggers: [facebookTokenRefreshRequested],
    concurrency: { key: "event.data.connectionId", limit: 1 },
    retries: 4,
  },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const { organizationId, connectionId } = event.data;
    const outcome = await step.run("refresh-token", () =>
      refreshConnectionToken({ db: deps.db, facebook: deps.services.facebook }, { organizationId, connectionId, now: new Date() }),
    );
    if (outcome.status === "undecryptable") {
      // Our configuration, not the owner's token: alert the operator, leave the connection alone.
      ctx.logger.error(
        `Facebook connection ${connectionId}: token unreadable (key "${outcome.keyId}"); add that key to ENCRYPTION_KEYS. ${outcome.reason}`,
      );
      return outcome;
    }
    if (outcome.status !== "failed") return outcome;

    const owner = await step.run("mark-expired", () =>
      expireConnection(deps.db, { organizationId, connectionId, tokenIv: outcome.tokenIv }),
    );
    if (!owner) return outcome;
    const reconnectUrl = new URL(
      `/api/auth/facebook${owner.projectId ? `?projectId=${encodeURIComponent(owner.projectId)}` : ""}`,
      env().APP_URL,
    ).toString();
    const key = `facebook-token-expired:${connectionId}:${owner.tokenExpiresAt ?? "never"}`;
    const notification = await step.run("notify-user", async () => {
      const { notification } = await createNotification(deps.db, {
        organizationId,
        userId: owner.userId,
        projectId: owner.projectId,
        type: "ACCOUNT_PROBLEM",
        title: "Reconnect Facebook",
        body: "We could not renew your Facebook connection, so campaigns cannot be managed until you reconnect.",
        link: reconnectUrl,
        dedupeKey: key,
      });
      return notification;
    });
    await step.sendEvent("announce-notification", notificationCreatedEvent(notification));
    await step.run("email-user", async () => {
      const email = await sendEmail(deps, {
        template: "token-expiring",
        props: { reconnectUrl },
        to: owner.email,
        idempotencyKey: key,
        organizationId,
        recipientUserId: owner.userId,
      });
      return { emailId: email.id, status: email.status };
    });
    return outcome;
  },
);
