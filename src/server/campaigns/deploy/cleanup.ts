import { and, eq } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { campaignRecords } from "@/server/db/schema";
import { getActiveConnection } from "@/server/facebook/connections";
import { getCampaign, postCampaignMessage } from "../records";
import { DeployBlockedError, toStepError } from "./graph-errors";

/**
 * Deletes the partly built Facebook campaign. Deleting the campaign deletes its ad sets and ads with
 * it; uploaded images and creatives stay in the ad library, unused and free.
 */
export async function deletePartialCampaign(deps: Deps, opts: { organizationId: string; campaignId: string }) {
  const record = await getCampaign(deps.db, opts);
  // Only a claimed cleanup touches Facebook: a resumed (APPROVED) campaign is the deploy's again.
  if (!record || record.status !== "CLEANING_UP") return { deleted: false };
  if (!record.fbCampaignId) return { deleted: false };
  const conn = record.connectionUserId
    ? await getActiveConnection(deps.db, { organizationId: record.organizationId, userId: record.connectionUserId })
    : null;
  if (!conn) throw new DeployBlockedError("Reconnect Facebook to clean up: the connection is no longer active.", { kind: "auth" });
  try {
    await deps.services.facebook.updateStatus({ accessToken: conn.accessToken, adAccountId: conn.adAccountId }, record.fbCampaignId, "DELETED");
  } catch (err) {
    throw toStepError(err);
  }
  return { deleted: true };
}

/** Marks the campaign cleaned up (only from CLEANING_UP) and says so in the conversation. */
export async function markCleanedUp(deps: Deps, opts: { organizationId: string; campaignId: string }) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaignRecords)
      .set({ status: "CLEANED_UP" })
      .where(and(eq(campaignRecords.id, opts.campaignId), eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.status, "CLEANING_UP")))
      .returning();
    if (row?.conversationId) {
      await postCampaignMessage(tx, {
        organizationId: row.organizationId,
        conversationId: row.conversationId,
        type: "AGENT_ACTION",
        content: "I removed the partly created campaign from Facebook. Ask me for a new plan whenever you like.",
        metadata: { kind: "campaign-cleaned-up", campaignId: row.id },
      });
    }
    return { cleaned: Boolean(row) };
  });
}
