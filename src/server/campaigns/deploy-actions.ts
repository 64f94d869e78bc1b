import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { isOrgMember, type Actor, type DecisionResult } from "./approval";
import { getCampaign, postCampaignMessage } from "./records";

/** Only a failed deployment can be resumed or cleaned up; anything else is a conflict the user can read. */
function notFailed(status: string) {
  return { ok: false as const, status: 409 as const, message: `Only a failed deployment can be resumed or cleaned up (status ${status}).` };
}

/**
 * Re-approves the same version for another attempt. The deploy function checks every stored Facebook id
 * before creating, so the new run skips what the failed one already made.
 */
export async function resumeDeployment(db: Db, opts: { campaignId: string; actor: Actor }): Promise<DecisionResult> {
  const record = await getCampaign(db, { organizationId: opts.actor.organizationId, campaignId: opts.campaignId });
  if (!record || !(await isOrgMember(db, opts.actor))) return { ok: false, status: 404, message: "Campaign not found" };
  // Approved but never deployed (a crash between the commit and the send): the route re-sends the same
  // event with the same id, which the engine ignores if the first one did arrive. Nothing to write.
  if (record.status === "APPROVED") return { ok: true, record };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaignRecords)
      .set({
        status: "APPROVED",
        approvedBy: opts.actor.userId,
        approvedAt: new Date(),
        lastError: null,
        deployAttempts: sql`${campaignRecords.deployAttempts} + 1`,
      })
      .where(and(eq(campaignRecords.id, record.id), eq(campaignRecords.status, "DEPLOY_FAILED")))
      .returning();
    if (!updated) return notFailed(record.status);
    if (updated.conversationId) {
      await postCampaignMessage(tx, {
        organizationId: updated.organizationId,
        conversationId: updated.conversationId,
        type: "APPROVAL_RESPONSE",
        role: "USER",
        content: "Resume the deployment.",
        metadata: { kind: "campaign-approval-response", decision: "resume", campaignId: updated.id, version: updated.version, userId: opts.actor.userId },
      });
    }
    return { ok: true as const, record: updated };
  });
}

/** Checks a cleanup may start; the cleanup function itself flips the status once objects are gone. */
export async function checkCleanupAllowed(db: Db, opts: { campaignId: string; actor: Actor }): Promise<DecisionResult> {
  const record = await getCampaign(db, { organizationId: opts.actor.organizationId, campaignId: opts.campaignId });
  if (!record || !(await isOrgMember(db, opts.actor))) return { ok: false, status: 404, message: "Campaign not found" };
  if (record.status !== "DEPLOY_FAILED") return notFailed(record.status);
  return { ok: true, record };
}
