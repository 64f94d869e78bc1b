import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { postCampaignMessage } from "./records";

/**
 * Expires a plan nobody answered. Conditional on PENDING_APPROVAL, so a plan approved, revised or
 * superseded in the meantime is left alone; the message is written in the same transaction.
 */
export async function expirePlan(db: Db, opts: { organizationId: string; campaignId: string }): Promise<{ expired: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaignRecords)
      .set({ status: "EXPIRED" })
      .where(
        and(
          eq(campaignRecords.id, opts.campaignId),
          eq(campaignRecords.organizationId, opts.organizationId),
          eq(campaignRecords.status, "PENDING_APPROVAL"),
        ),
      )
      .returning();
    if (!row) return { expired: false };
    if (row.conversationId) {
      await postCampaignMessage(tx, {
        organizationId: row.organizationId,
        conversationId: row.conversationId,
        type: "TEXT",
        content: `Version ${row.version} of the campaign plan expired without an answer, so nothing was launched. Ask me for a new plan whenever you are ready.`,
        metadata: { kind: "campaign-plan-expired", campaignId: row.id, version: row.version },
      });
    }
    return { expired: true };
  });
}
