import { inngest } from "@/inngest/client";
import { notificationCreated } from "@/inngest/events";
import { userNotificationsChannel } from "@/inngest/realtime/notifications";
import { summarizeNewNotification } from "@/server/notifications/live";

/**
 * Pushes a new notification to its user's bell. The row was committed before the event was sent,
 * so it is read back here rather than trusted from the payload; the publish is a durable step, so a
 * retry does not ring the bell twice.
 */
export const publishNotification = inngest.createFunction(
  { id: "publish-notification", triggers: [notificationCreated], retries: 3 },
  async (ctx) => {
    const { event, step } = ctx;
    const { deps } = ctx;
    const { organizationId, userId, notificationId } = event.data;
    const summary = await step.run("load-notification", () => summarizeNewNotification(deps.db, { organizationId, userId, notificationId }));
    if (!summary) return { published: false, reason: "notification not found" };
    await step.realtime.publish("publish-created", userNotificationsChannel({ userId }).created, summary);
    return { published: true, unreadCount: summary.unreadCount };
  },
);
