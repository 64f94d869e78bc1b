import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { campaignRecords } from "@/server/db/schema";
import { getActiveConnection } from "@/server/facebook/connections";
import { getCampaign, postCampaignMessage } from "./records";

// A claim whose run vanished (cancelled, crashed for good) may be taken over after this long.
export const PAUSE_CLAIM_LEASE_MS = 10 * 60_000;

export type PauseOutcome =
  | { paused: true; replacedCampaignId: string; fbCampaignId: string }
  | { paused: false; reason: "replaces nothing" | "not live" | "another run is pausing it" | "new campaign not live" };

/**
 * Once a version that replaces a live campaign is ACTIVE, pauses the old one on Facebook and records
 * it (PAUSED plus a message). A compare-and-set claim on the new record lets exactly one run call
 * Facebook; a retry of that run (same `runKey`) carries on, and the old record only turns PAUSED after
 * Facebook accepted, so a crash in between leaves it ACTIVE for the retry, never "paused" while live.
 */
export async function pauseReplacedCampaign(
  deps: Deps,
  opts: { organizationId: string; campaignId: string; runKey: string; now?: Date },
): Promise<PauseOutcome> {
  const { db } = deps;
  const now = opts.now ?? new Date();
  const current = await getCampaign(db, opts);
  if (!current?.replacesCampaignId) return { paused: false, reason: "replaces nothing" };
  if (current.status !== "ACTIVE") return { paused: false, reason: "new campaign not live" };
  const isLive = async () => {
    const old = await getCampaign(db, { organizationId: opts.organizationId, campaignId: current.replacesCampaignId! });
    return old?.status === "ACTIVE" && old.fbCampaignId ? old : null;
  };
  if (!(await isLive())) return { paused: false, reason: "not live" };

  const [claim] = await db
    .update(campaignRecords)
    .set({ pauseClaimedBy: opts.runKey, pauseClaimedAt: now })
    .where(
      and(
        eq(campaignRecords.id, current.id),
        or(
          isNull(campaignRecords.pauseClaimedBy),
          eq(campaignRecords.pauseClaimedBy, opts.runKey),
          lt(campaignRecords.pauseClaimedAt, new Date(now.getTime() - PAUSE_CLAIM_LEASE_MS)),
        ),
      ),
    )
    .returning({ id: campaignRecords.id });
  if (!claim) return { paused: false, reason: "another run is pausing it" };
  // Read again under the claim: an earlier holder may have finished between our first look and the claim.
  const old = await isLive();
  if (!old) return { paused: false, reason: "not live" };

  if (!old.connectionUserId) throw new Error(`Campaign ${old.id} has no Facebook connection to pause it with`);
  const conn = await getActiveConnection(db, { organizationId: old.organizationId, userId: old.connectionUserId });
  if (!conn) throw new Error("The Facebook connection of the replaced campaign is not active; reconnect Facebook to pause it.");
  await deps.services.facebook.updateStatus({ accessToken: conn.accessToken, adAccountId: conn.adAccountId }, old.fbCampaignId!, "PAUSED");

  await db.transaction(async (tx) => {
    const [moved] = await tx
      .update(campaignRecords)
      .set({ status: "PAUSED" })
      .where(and(eq(campaignRecords.id, old.id), eq(campaignRecords.status, "ACTIVE")))
      .returning({ id: campaignRecords.id });
    const conversationId = current.conversationId ?? old.conversationId;
    if (!moved || !conversationId) return;
    const name = (old.structure as { name?: string } | null)?.name ?? "the previous campaign";
    await postCampaignMessage(tx, {
      organizationId: old.organizationId,
      conversationId,
      type: "AGENT_ACTION",
      content: `Paused “${name}” (version ${old.version}) on Facebook: version ${current.version} is live and replaces it.`,
      metadata: { kind: "campaign-replaced-paused", campaignId: old.id, replacedBy: current.id },
    });
  });
  return { paused: true, replacedCampaignId: old.id, fbCampaignId: old.fbCampaignId! };
}
