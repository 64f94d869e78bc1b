import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookLeads, notifications } from "@/server/db/schema";
import type { NewNotification, NotificationType } from "@/server/notifications/notifications";

export type NewLead = typeof facebookLeads.$inferInsert & { leadgenId: string };

export interface StoredLead {
  leadId: string;
  /** This call inserted the row; false when another delivery (or an earlier attempt) had. */
  created: boolean;
  match: "MATCHED" | "UNMATCHED";
  organizationId: string | null;
  campaignId: string | null;
  /** The owner's notification for this lead, whichever attempt created it (to announce it idempotently). */
  notification: { id: string; organizationId: string; userId: string; type: NotificationType } | null;
}

export const leadNotificationKey = (leadgenId: string) => `lead:${leadgenId}`;

/**
 * One row per leadgen id, whatever the number of redeliveries racing here: the unique key admits one
 * insert, and the owner's notification is written in the same transaction only by that insert, so the
 * owner hears of a lead once. A later attempt finds the row and the notification and returns them.
 */
export async function storeLead(db: Db, input: { lead: NewLead; notification: Omit<NewNotification, "dedupeKey"> | null }): Promise<StoredLead> {
  const dedupeKey = leadNotificationKey(input.lead.leadgenId);
  return db.transaction(async (tx) => {
    const [inserted] = await tx.insert(facebookLeads).values(input.lead).onConflictDoNothing({ target: facebookLeads.leadgenId }).returning();
    const [row] = inserted ? [inserted] : await tx.select().from(facebookLeads).where(eq(facebookLeads.leadgenId, input.lead.leadgenId));
    if (!row) throw new Error("A lead neither inserted nor found");
    const base = { leadId: row.id, created: Boolean(inserted), match: row.match, organizationId: row.organizationId, campaignId: row.campaignId };
    if (inserted && input.notification && row.organizationId) {
      const [n] = await tx
        .insert(notifications)
        .values({ ...input.notification, organizationId: row.organizationId, dedupeKey })
        .onConflictDoNothing({ target: notifications.dedupeKey })
        .returning();
      return { ...base, notification: n ? pick(n) : null };
    }
    const [existing] = row.organizationId ? await tx.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey)) : [];
    return { ...base, notification: existing && existing.organizationId === row.organizationId ? pick(existing) : null };
  });
}

const pick = (n: typeof notifications.$inferSelect) => ({ id: n.id, organizationId: n.organizationId, userId: n.userId, type: n.type });
