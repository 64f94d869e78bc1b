import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { facebookTokenRefreshRequested } from "@/inngest/events";
import { loadKeyring } from "@/server/crypto/keys";
import { listConnectionsToRefresh, partitionByKey } from "@/server/facebook/refresh";

/**
 * Daily: one refresh request per connection whose token expires within the window and whose
 * token our keyring can read; unreadable ones are one logged alert for the operator.
 */
export const refreshTokens = inngest.createFunction(
  { id: "facebook-refresh-tokens", triggers: [cron("TZ=UTC 17 3 * * *")] },
  async (ctx) => {
    const { step } = ctx;
    const { deps } = ctx;
    const due = await step.run("find-expiring-connections", async () => {
      const now = new Date();
      const { readable, unreadable, missingKeyIds } = partitionByKey(
        await listConnectionsToRefresh(deps.db, { now }),
        loadKeyring(env()),
      );
      return { day: now.toISOString().slice(0, 10), rows: readable, unreadable: unreadable.length, missingKeyIds };
    });
    if (due.unreadable > 0) {
      // One alert for the operator instead of an "expired" email to every owner.
      ctx.logger.error(
        `${due.unreadable} Facebook token(s) need encryption key(s) ${due.missingKeyIds.join(", ")}, which are not configured: add them to ENCRYPTION_KEYS`,
      );
    }
    if (due.rows.length === 0) return { requested: 0, unreadable: due.unreadable };
    await step.sendEvent(
      "request-refreshes",
      // One id per connection per day: a retried cron run does not request twice.
      due.rows.map((c) =>
        facebookTokenRefreshRequested.create(
          { organizationId: c.organizationId, connectionId: c.id },
          { id: `facebook-token-refresh-${c.id}-${due.day}` },
        ),
      ),
    );
    return { requested: due.rows.length, unreadable: due.unreadable };
  },
);
