import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import { isOrgMember, type Actor, type DecisionResult } from "./approval";
import { getCampaign, postCampaignMessage, type CampaignRecord } from "./records";

/**
 * Why resume / clean up cannot start now, in words the owner can act on. DEPLOY_FAILED is the only
 * state either may leave from, and each leaves it with a compare-and-set: resume → APPROVED,
 * clean up → CLEANING_UP, so the two can never run against the same objects at once.
 */
function conflict(status: string) {
  const why: Record<string, string> = {
    CLEANING_UP: "The deployment is being cleaned up; wait until that finishes.",
    CLEANED_UP: "What this deployment created was removed; ask for a new plan to launch again.",
    APPROVED: "The deployment is already running.",
    DEPLOYING: "The deployment is already running.",
    ACTIVE: "The campaign is already live.",
  };
  const reason = why[status] ?? `It is not in a failed deployment (status ${status}).`;
  return { ok: false as const, status: 409 as const, message: `Only a failed deployment can be resumed or cleaned up. ${reason}` };
}

async function loadForMember(db: Db, opts: { campaignId: string; actor: Actor }) {
  const record = await getCampaign(db, { organizationId: opts.actor.organizationId, campaignId: opts.campaignId });
  if (!record || !(await isOrgMember(db, opts.actor))) return null;
  return record;
}

const NOT_FOUND = { ok: false as const, status: 404 as const, message: "Campaign not found" };

/**
 * Starts another deploy attempt of the same version: DEPLOY_FAILED → APPROVED with the attempt counter
 * raised, so the approval event gets a new id the engine will not drop as a duplicate. The deploy
 * function checks every stored Facebook id before creating, so the new run skips what exists.
 */
export async function resumeDeployment(db: Db, opts: { campaignId: string; actor: Actor }): Promise<DecisionResult> {
  const record = await loadForMember(db, opts);
  if (!record) return NOT_FOUND;
  // Approved but the event never reached the engine (the route said so): re-send the same id, which
  // the engine ignores if the first one did arrive. A run that ends in any way records DEPLOY_FAILED.
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
    if (!updated) return conflict((await getCampaign(tx, { organizationId: record.organizationId, campaignId: record.id }))?.status ?? record.status);
    await postAction(tx, updated, { content: "Resume the deployment.", decision: "resume", userId: opts.actor.userId });
    return { ok: true as const, record: updated };
  });
}

/**
 * Claims the campaign for cleanup: DEPLOY_FAILED → CLEANING_UP (resume is refused from here on) with a
 * numbered cleanup attempt for the event id. Pressing again while CLEANING_UP re-sends that attempt.
 */
export async function requestCleanup(db: Db, opts: { campaignId: string; actor: Actor }): Promise<DecisionResult> {
  const record = await loadForMember(db, opts);
  if (!record) return NOT_FOUND;
  if (record.status === "CLEANING_UP") return { ok: true, record };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaignRecords)
      .set({ status: "CLEANING_UP", cleanupAttempts: sql`${campaignRecords.cleanupAttempts} + 1` })
      .where(and(eq(campaignRecords.id, record.id), eq(campaignRecords.status, "DEPLOY_FAILED")))
      .returning();
    if (!updated) return conflict((await getCampaign(tx, { organizationId: record.organizationId, campaignId: record.id }))?.status ?? record.status);
    await postAction(tx, updated, { content: "Clean up what the deployment created.", decision: "cleanup", userId: opts.actor.userId });
    return { ok: true as const, record: updated };
  });
}

/** The deterministic id of one cleanup request (a retried cleanup is the next attempt). */
export const cleanupEventId = (r: Pick<CampaignRecord, "id" | "deployAttempts" | "cleanupAttempts">) =>
  `campaign-cleanup-${r.id}-a${r.deployAttempts}-c${r.cleanupAttempts}`;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function postAction(tx: Tx, r: CampaignRecord, opts: { content: string; decision: string; userId: string }) {
  if (!r.conversationId) return;
  await postCampaignMessage(tx, {
    organizationId: r.organizationId,
    conversationId: r.conversationId,
    type: "APPROVAL_RESPONSE",
    role: "USER",
    content: opts.content,
    metadata: { kind: "campaign-approval-response", decision: opts.decision, campaignId: r.id, version: r.version, userId: opts.userId },
  });
}
