import { and, eq } from "drizzle-orm";
import { getCampaign } from "@/server/campaigns/records";
import type { Db } from "@/server/db";
import { campaignRecords, facebookObjectStates } from "@/server/db/schema";
import { recordAppliedAdSpend } from "@/server/usage/ad-spend";
import { refreshActionCard, upsertActionCard } from "./action-card";
import { getAction, transitionAction, type OptimizationAction, type Queryable } from "./ledger";

/** What the owner is asked to approve as a new plan version when an action changes the plan itself. */
export interface PlanChange {
  organizationId: string;
  projectId: string;
  campaignId: string;
  version: number;
  requestedBy: string;
  feedback: string;
}

export type ApplyResult =
  | { status: "APPLIED" | "CONFLICT" | "BLOCKED" | "FAILED"; outcome: string; alreadyFinal?: false }
  | { status: OptimizationAction["status"]; outcome: string; alreadyFinal: true }
  /** A plan change to request (LAUNCH_CAMPAIGN / CHANGE_AUDIENCE): the caller sends it, then `recordPlanChangeSent`. */
  | { status: "APPLYING"; planChange: PlanChange }
  | { status: "SKIPPED"; reason: string };

/**
 * Ends an APPLYING action (compare-and-set) with its outcome, in one transaction with what shows it:
 * the card in the campaign conversation (posted now for an autonomous action, refreshed for an
 * approved one), the campaign marked PAUSED when the action paused it on Facebook, and a budget change's
 * ad-spend delta on the cost ledger.
 */
export async function finishApply(
  db: Db,
  opts: { action: OptimizationAction; status: "APPLIED" | "CONFLICT" | "BLOCKED" | "FAILED"; outcome: string; now: Date },
): Promise<ApplyResult> {
  const { action } = opts;
  return db.transaction(async (tx) => {
    const row = await transitionAction(tx, {
      organizationId: action.organizationId,
      actionId: action.id,
      from: "APPLYING",
      to: opts.status,
      set: { outcome: opts.outcome, ...(opts.status === "APPLIED" ? { appliedAt: opts.now } : {}) },
    });
    if (!row) {
      // Another attempt finished it first: report what it recorded.
      const current = await getAction(tx, { organizationId: action.organizationId, actionId: action.id });
      return { status: current?.status ?? "FAILED", outcome: current?.outcome ?? "", alreadyFinal: true as const };
    }
    if (row.kind === "PAUSE_CAMPAIGN" && row.status === "APPLIED") {
      await tx
        .update(campaignRecords)
        .set({ status: "PAUSED" })
        .where(and(eq(campaignRecords.id, row.campaignId), eq(campaignRecords.status, "ACTIVE")));
    }
    if (row.kind === "RESUME_CAMPAIGN" && row.status === "APPLIED") await markResumed(tx, row);
    await recordAppliedAdSpend(tx, row);
    if (row.requiresApproval) await refreshActionCard(tx, row);
    else await upsertActionCard(tx, row);
    return { status: opts.status, outcome: opts.outcome };
  });
}

/** The campaign runs again: our record says so, and the owner's approval released a person's hold on it. */
async function markResumed(tx: Queryable, row: OptimizationAction) {
  await tx
    .update(campaignRecords)
    .set({ status: "ACTIVE" })
    .where(and(eq(campaignRecords.id, row.campaignId), eq(campaignRecords.status, "PAUSED")));
  await tx
    .update(facebookObjectStates)
    .set({ heldAt: null, outsideStatus: "ACTIVE" })
    .where(and(eq(facebookObjectStates.organizationId, row.organizationId), eq(facebookObjectStates.objectId, row.objectId)));
}

const FEEDBACK: Partial<Record<OptimizationAction["kind"], string>> = {
  CHANGE_AUDIENCE: "Please change who the ads are shown to: reach new people who have not seen them yet, and keep the rest of the plan.",
  LAUNCH_CAMPAIGN: "Please draft a new campaign built on what works best in this one.",
};

/** The change request an approved LAUNCH_CAMPAIGN / CHANGE_AUDIENCE becomes: a new plan the owner approves as usual. */
export async function planChangeRequest(db: Db, action: OptimizationAction, now: Date): Promise<ApplyResult> {
  const campaign = await getCampaign(db, { organizationId: action.organizationId, campaignId: action.campaignId });
  if (!campaign || !action.decidedBy) {
    return finishApply(db, { action, status: "FAILED", outcome: "The campaign or its approval is gone, so no new plan was asked for.", now });
  }
  const feedback = `${action.reason} ${FEEDBACK[action.kind] ?? ""}`.trim().slice(0, 4000);
  return {
    status: "APPLYING",
    planChange: {
      organizationId: action.organizationId,
      projectId: action.projectId,
      campaignId: action.campaignId,
      version: campaign.version,
      requestedBy: action.decidedBy,
      feedback,
    },
  };
}
