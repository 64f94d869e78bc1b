import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { notifications } from "@/server/db/schema";

export type Notification = typeof notifications.$inferSelect;
export type NotificationType = Notification["type"];

export interface NewNotification {
  organizationId: string;
  userId: string;
  projectId?: string | null;
  conversationId?: string | null;
  type: NotificationType;
  title: string;
  body: string;
  link?: string | null;
  /** Derived from what caused it (e.g. `approval-needed:<campaignId>`): a retry finds the first row. */
  dedupeKey: string;
}

/**
 * Inserts once per dedupeKey. `created` is false when an earlier attempt already inserted it, so a
 * caller can still emit `notification/created` (with a deterministic event id) without a second row.
 */
export async function createNotification(db: Db, input: NewNotification): Promise<{ notification: Notification; created: boolean }> {
  const [inserted] = await db.insert(notifications).values(input).onConflictDoNothing({ target: notifications.dedupeKey }).returning();
  if (inserted) return { notification: inserted, created: true };
  const [existing] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.dedupeKey, input.dedupeKey), eq(notifications.organizationId, input.organizationId)));
  if (!existing) throw new Error(`Notification key ${input.dedupeKey} belongs to another organization`);
  return { notification: existing, created: false };
}

/** How many the bell lists: the newest, read or not (the unread count covers all of them). */
export const RECENT_NOTIFICATIONS = 30;

/** The viewer's newest notifications in their organization (read ones too), newest first, and the unread count. */
export async function listRecentNotifications(
  db: Db,
  opts: { organizationId: string; userId: string; limit?: number },
): Promise<{ items: Notification[]; unreadCount: number }> {
  const mine = and(eq(notifications.organizationId, opts.organizationId), eq(notifications.userId, opts.userId));
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit ?? RECENT_NOTIFICATIONS),
    db.select({ n: count() }).from(notifications).where(and(mine, eq(notifications.read, false))),
  ]);
  return { items, unreadCount: total?.n ?? 0 };
}

/** Marks every unread notification of the viewer in their organization read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, opts: { organizationId: string; userId: string }): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ read: true })
    .where(and(eq(notifications.organizationId, opts.organizationId), eq(notifications.userId, opts.userId), eq(notifications.read, false)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Marks one of the viewer's own notifications read; false when it is not theirs (the route answers 404). */
export async function markNotificationRead(db: Db, opts: { organizationId: string; userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ read: true })
    .where(
      and(
        eq(notifications.id, opts.id),
        eq(notifications.organizationId, opts.organizationId),
        eq(notifications.userId, opts.userId),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** What the bell shows: no dedupe keys or other internals. */
export function describeNotification(n: Notification) {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    link: n.link,
    projectId: n.projectId,
    conversationId: n.conversationId,
    read: n.read,
    createdAt: n.createdAt.toISOString(),
  };
}
