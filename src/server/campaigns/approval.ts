import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/server/db";
import { campaignRecords, memberships } from "@/server/db/schema";
import { getCampaign, postCampaignMessage, type CampaignRecord } from "./records";

export interface Actor {
  userId: string;
  organizationId: string;
  name?: string;
}

export type DecisionResult =
  | { ok: true; record: CampaignRecord }
  | { ok: false; status: 404 | 409; message: string };

/** Why a plan can no longer be decided on, in words the user can act on. */
export function explainNotPending(record: CampaignRecord): string {
  switch (record.status) {
    case "APPROVED":
    case "DEPLOYING":
    case "ACTIVE":
    case "PAUSED":
    case "DEPLOY_FAILED":
    case "CLEANED_UP":
      return `Version ${record.version} of this plan was already approved.`;
    case "EXPIRED":
      return `Version ${record.version} of this plan expired without an answer; ask for a new plan.`;
    case "SUPERSEDED":
      return `Version ${record.version} of this plan was replaced by a newer version; review the latest one.`;
    default:
      return `This plan is not waiting for approval (status ${record.status}).`;
  }
}

export async function isOrgMember(db: Db, opts: { organizationId: string; userId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, opts.organizationId), eq(memberships.userId, opts.userId)));
  return Boolean(row);
}

/**
 * Moves a pending plan on, atomically: the UPDATE only matches while the status is still
 * PENDING_APPROVAL, so two clicks (or two tabs) cannot both succeed; the response message is written
 * in the same transaction, so a refused decision leaves nothing behind.
 */
async function decide(
  db: Db,
  opts: { campaignId: string; actor: Actor; set: PgUpdateSetSource<typeof campaignRecords>; message: (r: CampaignRecord) => { content: string; metadata: Record<string, unknown> } },
): Promise<DecisionResult> {
  const record = await getCampaign(db, { organizationId: opts.actor.organizationId, campaignId: opts.campaignId });
  if (!record || !(await isOrgMember(db, opts.actor))) return { ok: false, status: 404, message: "Campaign not found" };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaignRecords)
      .set(opts.set)
      .where(
        and(
          eq(campaignRecords.id, record.id),
          eq(campaignRecords.organizationId, opts.actor.organizationId),
          eq(campaignRecords.status, "PENDING_APPROVAL"),
        ),
      )
      .returning();
    if (!updated) {
      const current = (await getCampaign(tx, { organizationId: record.organizationId, campaignId: record.id })) ?? record;
      return { ok: false as const, status: 409 as const, message: explainNotPending(current) };
    }
    if (updated.conversationId) {
      const { content, metadata } = opts.message(updated);
      await postCampaignMessage(tx, {
        organizationId: updated.organizationId,
        conversationId: updated.conversationId,
        type: "APPROVAL_RESPONSE",
        role: "USER",
        content,
        metadata,
      });
    }
    return { ok: true as const, record: updated };
  });
}

export function approvePlan(db: Db, opts: { campaignId: string; actor: Actor }): Promise<DecisionResult> {
  return decide(db, {
    ...opts,
    set: {
      status: "APPROVED",
      approvedBy: opts.actor.userId,
      approvedAt: new Date(),
      deployAttempts: sql`${campaignRecords.deployAttempts} + 1`,
    },
    message: (r) => ({
      content: `Approved version ${r.version}. Deploying it now: each step appears below as it happens.`,
      metadata: { kind: "campaign-approval-response", decision: "approved", campaignId: r.id, version: r.version, userId: opts.actor.userId },
    }),
  });
}

export function requestPlanChanges(db: Db, opts: { campaignId: string; actor: Actor; feedback: string }): Promise<DecisionResult> {
  return decide(db, {
    ...opts,
    set: { status: "SUPERSEDED", feedback: opts.feedback },
    message: (r) => ({
      content: opts.feedback,
      metadata: { kind: "campaign-approval-response", decision: "changes-requested", campaignId: r.id, version: r.version, userId: opts.actor.userId },
    }),
  });
}

/** The deterministic id of the approval event for a given deploy attempt (resume = next attempt). */
export const approvalEventId = (r: Pick<CampaignRecord, "id" | "deployAttempts">) => `campaign-approved-${r.id}-a${r.deployAttempts}`;
export const changesEventId = (r: Pick<CampaignRecord, "id">) => `campaign-changes-requested-${r.id}`;
