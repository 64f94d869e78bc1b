import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, type DeployErrorRecord } from "@/server/db/schema";
import { postCampaignMessage } from "./records";

/**
 * A cleanup that could not finish hands the campaign back: CLEANING_UP → DEPLOY_FAILED (compare-and-set,
 * so only the run that held the claim does it), with the reason, so the owner can clean up again (a new
 * cleanup attempt, a new event id) or resume instead. Without this the campaign would stay claimed forever.
 */
export async function recordCleanupFailure(
  db: Db,
  opts: { organizationId: string; campaignId: string; message: string; kind?: DeployErrorRecord["kind"] },
): Promise<{ released: boolean }> {
  return db.transaction(async (tx) => {
    const error: DeployErrorRecord = { step: "cleanup", message: opts.message, kind: opts.kind };
    const [row] = await tx
      .update(campaignRecords)
      .set({ status: "DEPLOY_FAILED", lastError: error })
      .where(and(eq(campaignRecords.id, opts.campaignId), eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.status, "CLEANING_UP")))
      .returning();
    if (row?.conversationId) {
      await postCampaignMessage(tx, {
        organizationId: row.organizationId,
        conversationId: row.conversationId,
        type: "AGENT_ACTION",
        content: `I could not remove the partly created campaign: ${opts.message} Nothing is spending money. You can try Clean up again, or resume.`,
        metadata: { kind: "campaign-cleanup-failed", campaignId: row.id, attempt: row.cleanupAttempts, error, actions: ["resume", "cleanup"] },
      });
    }
    return { released: Boolean(row) };
  });
}
