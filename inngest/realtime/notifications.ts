import { realtime } from "inngest";
import { z } from "zod";

/**
 * One channel per user: the bell in the app shell subscribes with a token minted only for the
 * viewer's own channel (GET /api/notifications/realtime-token) and bumps its unread count live.
 * The payload carries a title and a count, never the body: the bell reads details from the database.
 */
export const userNotificationsChannel = realtime.channel({
  name: ({ userId }: { userId: string }) => `user:${userId}:notifications`,
  topics: {
    created: {
      schema: z.object({
        notificationId: z.string(),
        type: z.string(),
        title: z.string(),
        unreadCount: z.number().int().nonnegative(),
      }),
    },
  },
});
