import { and, eq, inArray } from "drizzle-orm";
import { env } from "@/env";
import { optimizationActionProposed } from "@/inngest/events";
import type { CampaignRecord } from "@/server/campaigns/records";
import { optimizationActions } from "@/server/db/schema";
import type { ActionValues } from "@/server/db/schema/optimization";
import { disposition } from "@/server/optimization/guards";
import { durationMs, recordDecisions, type OptimizationAction } from "@/server/optimization/ledger";
import { loadAutonomyPolicy } from "@/server/optimization/policy";
import type { ActionKind, Decision } from "@/server/optimization/types";
import { accountNow } from "@/server/performance/account-clock";
import type { ToolContext, ToolEvent, ToolResult } from "../types";

/** The owner's request as a proposal: what the optimisation rules would build for the same change. */
export interface OwnerRequest {
  record: CampaignRecord;
  kind: Extract<ActionKind, "PAUSE_CAMPAIGN" | "RESUME_CAMPAIGN" | "CHANGE_BUDGET">;
  objectIds: string[];
  before: ActionValues;
  after: ActionValues;
  moneyMovedCents: number;
  budgetChangePercent: number;
  /** What percentages are measured against: the campaign's total daily budget in hundredths. */
  totalDailyBudgetCents: number;
  snapshotDate: string;
  reason: string;
  projectedEffect: string;
}

/** One per (message, call): a retried step finds its own row instead of writing a second. */
export const ownerRequestKey = (ctx: Pick<ToolContext, "messageId" | "callIndex">) => `owner-request:${ctx.messageId}:${ctx.callIndex}`;

const PENDING: OptimizationAction["status"][] = ["AWAITING_APPROVAL", "APPROVED", "APPLYING"];

/** Where the policy puts an owner's request: blocked, dry run, or (always) the owner's approval. */
export function ownerRequestDisposition(
  p: Omit<Decision, "disposition" | "policyNote">,
  o: { policy: Parameters<typeof disposition>[1]["policy"]; totalCents: number; currency: string },
): Pick<Decision, "disposition" | "policyNote"> {
  const d = disposition(p, { ...o, capUsedCents: 0 });
  // Text in a conversation is never an approval: nothing an owner's request records may run alone.
  if (d.disposition === "autonomous") return { disposition: "approval" };
  return d;
}

/** A same-kind request of this campaign still waiting or being applied: the owner answers that one first. */
export async function pendingRequest(ctx: ToolContext, o: { campaignId: string; kind: OwnerRequest["kind"] }) {
  const [row] = await ctx.deps.db
    .select({ id: optimizationActions.id, status: optimizationActions.status })
    .from(optimizationActions)
    .where(
      and(
        eq(optimizationActions.organizationId, ctx.organizationId),
        eq(optimizationActions.campaignId, o.campaignId),
        eq(optimizationActions.kind, o.kind),
        inArray(optimizationActions.status, PENDING),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** What an earlier attempt of this very call recorded, as its result (a retried step answers the same). */
export async function earlierAttempt(ctx: ToolContext): Promise<ToolResult | null> {
  const own = await findOwn(ctx, ownerRequestKey(ctx));
  return own ? resultOf(own) : null;
}

async function findOwn(ctx: ToolContext, key: string): Promise<OptimizationAction | null> {
  const [row] = await ctx.deps.db
    .select()
    .from(optimizationActions)
    .where(and(eq(optimizationActions.idempotencyKey, key), eq(optimizationActions.organizationId, ctx.organizationId)));
  return row ?? null;
}

function proposedEvent(a: OptimizationAction): ToolEvent {
  const data = { organizationId: a.organizationId, projectId: a.projectId, campaignId: a.campaignId, adAccountId: a.adAccountId, actionId: a.id, requiresApproval: a.requiresApproval };
  // The same event (and id) evaluate-optimizations sends: await-action-approval posts the card.
  const id = `action-proposed-${a.id}`;
  const e = optimizationActionProposed.create(data, { id });
  return { name: e.name, data: e.data, id };
}

/** What the owner is told, per status the row ended in. */
function resultOf(a: OptimizationAction): ToolResult {
  if (a.status === "BLOCKED") return { status: "refused", summary: `Not proposed: ${a.outcome ?? "your autonomy settings block this change."}` };
  if (a.status === "DRY_RUN") return { status: "done", summary: `Recorded as a dry run, nothing will change on Facebook. ${a.outcome ?? ""}`.trim() };
  return {
    status: "proposed",
    summary: "Prepared; it waits for your OK on the card in the campaign conversation. Nothing changes on Facebook until you press Approve there.",
    events: [proposedEvent(a)],
  };
}

/**
 * Records the owner's request on the optimisation ledger, exactly as a rule's decision: the policy
 * as it stands (blocked above its limit, dry run), otherwise AWAITING_APPROVAL, rule "owner-request",
 * idempotency key from the message. The row's event starts await-action-approval (card, notification,
 * email); only the approve route moves it on.
 */
export async function proposeOwnerRequest(ctx: ToolContext, r: OwnerRequest): Promise<ToolResult> {
  const key = ownerRequestKey(ctx);
  const existing = await findOwn(ctx, key);
  if (existing) return resultOf(existing);
  const adAccountId = r.record.adAccountId!;
  const policy = await loadAutonomyPolicy(ctx.deps.db, ctx.organizationId);
  const objectId = r.record.fbCampaignId!;
  const proposal = {
    rule: "owner-request" as const,
    kind: r.kind,
    objectType: "campaign" as const,
    objectId,
    objectIds: r.objectIds,
    reason: r.reason,
    projectedEffect: r.projectedEffect,
    before: r.before,
    after: r.after,
    moneyMovedCents: r.moneyMovedCents,
    budgetChangePercent: r.budgetChangePercent,
    snapshotDate: r.snapshotDate,
    idempotencyKey: key,
  };
  const decision: Decision = { ...proposal, ...ownerRequestDisposition(proposal, { policy, totalCents: r.totalDailyBudgetCents, currency: r.record.currency }) };
  const [row] = await recordDecisions(ctx.deps.db, {
    organizationId: ctx.organizationId,
    projectId: r.record.projectId,
    campaignId: r.record.id,
    adAccountId,
    currency: r.record.currency,
    decisions: [decision],
    now: await accountNow(ctx.deps, adAccountId),
    approvalTimeoutMs: durationMs(env().OPTIMIZATION_APPROVAL_TIMEOUT),
  });
  // Inserted by a racing attempt of the same call: report what it wrote.
  const written = row ?? (await findOwn(ctx, key));
  if (!written) throw new Error(`Owner request ${key} was neither inserted nor found`);
  return resultOf(written);
}
