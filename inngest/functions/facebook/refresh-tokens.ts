import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { facebookTokenRefreshRequested } from "@/inngest/events";
import { listConnectionsToRefresh } from "@/server/facebook/refresh";

/** Daily: one refresh request per connection whose token expires within the window. */
export const refreshTokens = inngest.createFunction(
  { id: "facebook-refresh-tokens", triggers: [cron("TZ=UTC 17 3 * * *")] },
  async (ctx) => {
    const { step } = ctx;
    const { deps } = ctx;
    const due = await step.run("find-expiring-connections", async () => {
      const now = new Date();
      const rows = await listConnectionsToRefresh(deps.db, { now });
      return { day: now.toISOString().slice(0, 10), rows };
    });
    if (due.rows.length === 0) return { requested: 0 };
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
    return { requested: due.rows.length };
  },
);
