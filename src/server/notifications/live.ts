import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { notifications } from "@/server/db/schema";

/**
 * What the live bell needs about one new notification: its title and the user's unread count in the
 * same organization. Null when the row is gone (deleted with its project, or the event was forged).
 */
export async function summarizeNewNotification(db: Db, opts: { organizationId: string; userId: string; notificationId: string }) {
  const [row] = await db
    .select({ id: notifications.id, type: notifications.type, title: notifications.title })
    .from(notifications)
    .where(
      and(
        eq(notifications.id, opts.notificationId),
        eq(notifications.organizationId, opts.organizationId),
        eq(notifications.userId, opts.userId),
      ),
    );
  if (!row) return null;
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.organizationId, opts.organizationId), eq(notifications.userId, opts.userId), eq(notifications.read, false)));
  return { notificationId: row.id, type: row.type, title: row.title, unreadCount: unread?.n ?? 0 };
}
