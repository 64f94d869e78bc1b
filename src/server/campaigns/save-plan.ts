import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { artifacts, campaignRecords, messages } from "@/server/db/schema";
import { buildApprovalCard } from "./approval-card";
import type { BudgetConversion } from "./currency";
import type { ReplacedCampaign } from "./live-campaigns";
import { describeViolations, type PlanViolation } from "./plan-rules";
import type { CampaignPlan, PlanningBrief } from "./plan-schema";
import { ensureCampaignConversation, postCampaignMessage, type CampaignRecord } from "./records";

export interface SavedPlan {
  campaignId: string;
  version: number;
  conversationId: string;
  messageId: string | null;
}

/**
 * Turns the claimed DRAFT into a plan awaiting approval: status, artifact, approval card message and
 * superseding older pending versions, all in one transaction. The conditional update makes a retried
 * step a no-op instead of a second card.
 */
export async function savePendingPlan(
  db: Db,
  opts: { record: CampaignRecord; plan: CampaignPlan; brief: PlanningBrief; conversion?: BudgetConversion; replaces?: ReplacedCampaign | null },
): Promise<SavedPlan> {
  const { record, plan } = opts;
  return db.transaction(async (tx) => {
    const conversationId = record.conversationId ?? (await ensureCampaignConversation(tx, record));
    const updated = await tx
      .update(campaignRecords)
      .set({ status: "PENDING_APPROVAL", structure: plan, conversationId, replacesCampaignId: opts.replaces?.campaignId ?? null })
      .where(and(eq(campaignRecords.id, record.id), eq(campaignRecords.status, "DRAFT")))
      .returning({ id: campaignRecords.id });
    if (updated.length === 0) {
      const [card] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            eq(messages.type, "APPROVAL_REQUEST"),
            sql`${messages.metadata}->>'campaignId' = ${record.id}`,
          ),
        );
      return { campaignId: record.id, version: record.version, conversationId, messageId: card?.id ?? null };
    }
    // Only one plan per project awaits approval: a newer brief or revision replaces the older card.
    await tx
      .update(campaignRecords)
      .set({ status: "SUPERSEDED" })
      .where(
        and(
          eq(campaignRecords.projectId, record.projectId),
          eq(campaignRecords.status, "PENDING_APPROVAL"),
          ne(campaignRecords.id, record.id),
        ),
      );
    await tx.insert(artifacts).values({
      organizationId: record.organizationId,
      projectId: record.projectId,
      conversationId,
      type: "CAMPAIGN",
      title: `Campaign plan v${record.version}: ${plan.name}`,
      content: { campaignId: record.id, version: record.version, briefId: opts.brief.id, plan },
    });
    const card = buildApprovalCard({
      campaignId: record.id,
      version: record.version,
      plan,
      brief: opts.brief,
      conversion: opts.conversion,
      replaces: opts.replaces,
    });
    const messageId = await postCampaignMessage(tx, {
      organizationId: record.organizationId,
      conversationId,
      type: "APPROVAL_REQUEST",
      content: plan.summary,
      metadata: { ...card },
    });
    return { campaignId: record.id, version: record.version, conversationId, messageId };
  });
}

export type PlanFailure =
  | { kind: "rules"; violations: PlanViolation[] }
  | { kind: "error" }
  | { kind: "currency"; message: string };

const TRY_AGAIN = "Nothing was published. Press “Try again” below, or tell me what to change.";

/** What the owner reads: plain words first, the technical list only where it helps them fix the brief. */
function failureText(failure: PlanFailure): string {
  switch (failure.kind) {
    case "rules":
      return (
        "I could not put together a campaign plan that stays within your budget and Facebook's rules. " +
        "Please check your brief (especially the budget) or press “Try again”.\n" +
        describeViolations(failure.violations)
      );
    case "currency":
      return failure.message;
    case "error":
      return `Something went wrong while I was drafting your campaign plan, and my retries did not get through. ${TRY_AGAIN}`;
  }
}

/**
 * Planning ended without a plan: the version becomes GENERATION_FAILED (so a retry can take it over)
 * and the owner gets a plain message with a "Try again" action, in one transaction. Only a DRAFT still
 * claimed by this run moves, so a repeated step posts nothing twice and a run that lost its claim to a
 * takeover cannot fail the new attempt.
 */
export async function markGenerationFailed(db: Db, opts: { record: CampaignRecord; failure: PlanFailure; claimedBy: string }) {
  const { record, failure } = opts;
  return db.transaction(async (tx) => {
    const conversationId = record.conversationId ?? (await ensureCampaignConversation(tx, record));
    const updated = await tx
      .update(campaignRecords)
      .set({ status: "GENERATION_FAILED", conversationId })
      .where(and(eq(campaignRecords.id, record.id), eq(campaignRecords.status, "DRAFT"), eq(campaignRecords.claimedByRunId, opts.claimedBy)))
      .returning({ id: campaignRecords.id });
    if (updated.length === 0) return { conversationId, posted: false };
    await postCampaignMessage(tx, {
      organizationId: record.organizationId,
      conversationId,
      type: "TEXT",
      content: failureText(failure),
      metadata: {
        kind: "plan-generation-failed",
        campaignId: record.id,
        version: record.version,
        reason: failure.kind,
        ...(failure.kind === "rules" ? { violations: failure.violations } : {}),
      },
    });
    return { conversationId, posted: true };
  });
}
