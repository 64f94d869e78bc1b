import { and, eq } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { campaignRecords } from "@/server/db/schema";
import { getActiveConnection } from "@/server/facebook/connections";
import { getCampaign, postCampaignMessage } from "../records";
import { DeployBlockedError, toStepError } from "./graph-errors";
import { deployMarker } from "./markers";
import { isAlreadyGone } from "./reconcile";

/**
 * Deletes the partly built Facebook campaign: the one whose id we stored and any carrying this
 * version's marker, whose id a lost response kept from us. Deleting a campaign deletes its ad sets
 * and ads with it; uploaded images and creatives stay in the ad library, unused and free.
 */
export async function deletePartialCampaign(deps: Deps, opts: { organizationId: string; campaignId: string }) {
  const record = await getCampaign(deps.db, opts);
  // Only a claimed cleanup touches Facebook: a resumed (APPROVED) campaign is the deploy's again.
  if (!record || record.status !== "CLEANING_UP") return { deleted: false };
  const conn = record.connectionUserId
    ? await getActiveConnection(deps.db, { organizationId: record.organizationId, userId: record.connectionUserId })
    : null;
  if (!conn) throw new DeployBlockedError("Reconnect Facebook to clean up: the connection is no longer active.", { kind: "auth" });
  const fb = { accessToken: conn.accessToken, adAccountId: conn.adAccountId };
  try {
    const marked = await deps.services.facebook.findMarkedObjects(fb, { kind: "campaign", marker: deployMarker(record, "campaign") });
    const ids = new Set([...(record.fbCampaignId ? [record.fbCampaignId] : []), ...marked.map((o) => o.id)]);
    for (const id of ids) {
      await deps.services.facebook.updateStatus(fb, id, "DELETED").catch((err: unknown) => {
        if (!isAlreadyGone(err)) throw err;
      });
    }
    return { deleted: ids.size > 0 };
  } catch (err) {
    throw toStepError(err);
  }
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
