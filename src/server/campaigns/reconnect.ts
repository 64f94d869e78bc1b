import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { markConnectionNeedsReconnect } from "@/server/facebook/connections";
import { getCampaign, postCampaignMessage, type CampaignRecord } from "./records";

/**
 * After a deploy stopped on Graph's auth error: the connection that deployed is marked EXPIRED, so the
 * app asks the owner to reconnect Facebook instead of offering a token Graph refuses.
 */
export async function expireConnectionAfterAuthFailure(db: Db, opts: { organizationId: string; campaignId: string; seenAt: Date }) {
  const record = await getCampaign(db, opts);
  if (!record?.connectionUserId || record.lastError?.kind !== "auth") return { expired: false };
  return markConnectionNeedsReconnect(db, { organizationId: record.organizationId, userId: record.connectionUserId, seenAt: opts.seenAt });
}

export type ResumedDeployment = Pick<
  CampaignRecord,
  "id" | "organizationId" | "projectId" | "version" | "approvedBy" | "adAccountId" | "deployAttempts"
>;

/**
 * The owner reconnected Facebook: every deployment of theirs that stopped only because the login was
 * refused, into the same ad account, goes back to APPROVED as its next attempt (compare-and-set from
 * DEPLOY_FAILED, so a concurrent Resume or Clean up wins cleanly). Returns what to re-send.
 */
export async function resumeAfterReconnect(
  db: Db,
  opts: { organizationId: string; userId: string; adAccountId: string },
): Promise<ResumedDeployment[]> {
  return db.transaction(async (tx) => {
    const resumed = await tx
      .update(campaignRecords)
      .set({ status: "APPROVED", lastError: null, deployAttempts: sql`${campaignRecords.deployAttempts} + 1` })
      .where(
        and(
          eq(campaignRecords.organizationId, opts.organizationId),
          eq(campaignRecords.connectionUserId, opts.userId),
          eq(campaignRecords.adAccountId, opts.adAccountId),
          eq(campaignRecords.status, "DEPLOY_FAILED"),
          sql`${campaignRecords.lastError}->>'kind' = 'auth'`,
        ),
      )
      .returning();
    for (const r of resumed) {
      if (!r.conversationId) continue;
      await postCampaignMessage(tx, {
        organizationId: r.organizationId,
        conversationId: r.conversationId,
        type: "AGENT_ACTION",
        content: "Facebook is reconnected. I am continuing the launch where it stopped.",
        metadata: { kind: "campaign-deploy-resumed", campaignId: r.id, attempt: r.deployAttempts, reason: "facebook-reconnected" },
      });
    }
    return resumed.map((r) => ({
      id: r.id,
      organizationId: r.organizationId,
      projectId: r.projectId,
      version: r.version,
      approvedBy: r.approvedBy,
      adAccountId: r.adAccountId,
      deployAttempts: r.deployAttempts,
    }));
  });
}
