import { and, eq, sql } from "drizzle-orm";
import { formatMoney } from "@/server/campaigns/currency";
import { ensureCampaignConversation, getCampaign, postCampaignMessage } from "@/server/campaigns/records";
import type { ActionValues } from "@/server/db/schema";
import { messages } from "@/server/db/schema";
import type { OptimizationAction, Queryable } from "./ledger";

/** What the UI renders for an action (AGENT_ACTION message metadata); Approve / Dismiss while awaiting. */
export interface ActionCard {
  kind: "optimization-action";
  actionId: string;
  campaignId: string;
  status: OptimizationAction["status"];
  title: string;
  reason: string;
  projectedEffect: string | null;
  before: ActionValues;
  after: ActionValues;
  currency: string;
  requiresApproval: boolean;
  expiresAt: string | null;
  outcome: string | null;
  /** Measured a few days after applying: before vs after, in plain words. */
  impact: string | null;
}

const sum = (budgets: Record<string, number> | undefined) => Object.values(budgets ?? {}).reduce((a, b) => a + b, 0);

/** A short headline in plain words: what the agency does (or proposes to do). */
export function actionTitle(a: Pick<OptimizationAction, "kind" | "before" | "after" | "moneyMovedCents" | "budgetChangePercent" | "currency">): string {
  switch (a.kind) {
    case "PAUSE_AD":
      return "Pause an ad that few people click";
    case "SHIFT_BUDGET":
      return `Move ${formatMoney(a.moneyMovedCents, a.currency)} a day to the ad set that gets results for less`;
    case "ROTATE_CREATIVE":
      return "Swap a tired ad for a fresh one";
    case "PAUSE_CAMPAIGN":
      return "Pause the whole campaign";
    case "RAISE_BUDGET": {
      const from = sum(a.before.dailyBudgets);
      const to = sum(a.after.dailyBudgets);
      return `Raise the daily budget by ${a.budgetChangePercent}% (from ${formatMoney(from, a.currency)} to ${formatMoney(to, a.currency)})`;
    }
    case "LAUNCH_CAMPAIGN":
      return "Launch a new campaign built on what works";
    case "CHANGE_AUDIENCE":
      return "Show the ads to new people";
    case "RESUME_CAMPAIGN":
      return "Turn the campaign back on";
    case "CHANGE_BUDGET": {
      const from = sum(a.before.dailyBudgets);
      const to = sum(a.after.dailyBudgets);
      return `Change the daily budget from ${formatMoney(from, a.currency)} to ${formatMoney(to, a.currency)}`;
    }
  }
}

export function buildActionCard(a: OptimizationAction): ActionCard {
  return {
    kind: "optimization-action",
    actionId: a.id,
    campaignId: a.campaignId,
    status: a.status,
    title: actionTitle(a),
    reason: a.reason,
    projectedEffect: a.projectedEffect,
    before: a.before,
    after: a.after,
    currency: a.currency,
    requiresApproval: a.requiresApproval,
    expiresAt: a.expiresAt?.toISOString() ?? null,
    outcome: a.outcome,
    impact: a.impact?.summary ?? null,
  };
}

/** The message that carries the action's card, if posted. */
export async function findActionCard(db: Queryable, a: Pick<OptimizationAction, "id" | "organizationId">) {
  const [row] = await db
    .select({ id: messages.id, conversationId: messages.conversationId })
    .from(messages)
    .where(
      and(
        eq(messages.organizationId, a.organizationId),
        eq(messages.type, "AGENT_ACTION"),
        sql`${messages.metadata}->>'kind' = 'optimization-action'`,
        sql`${messages.metadata}->>'actionId' = ${a.id}`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Posts the action's card in the campaign conversation, or refreshes the one already there (status,
 * outcome), so a retried step or a later transition never adds a second card. Callers run it in the
 * transaction of the status change it shows.
 */
export async function upsertActionCard(db: Queryable, a: OptimizationAction): Promise<{ messageId: string; posted: boolean }> {
  const card = buildActionCard(a);
  const content = `${card.title}. ${a.reason}`;
  const existing = await findActionCard(db, a);
  if (existing) {
    await db.update(messages).set({ metadata: { ...card }, content }).where(eq(messages.id, existing.id));
    return { messageId: existing.id, posted: false };
  }
  const campaign = await getCampaign(db, { organizationId: a.organizationId, campaignId: a.campaignId });
  const conversationId =
    campaign?.conversationId ?? (await ensureCampaignConversation(db, { organizationId: a.organizationId, projectId: a.projectId }));
  const messageId = await postCampaignMessage(db, {
    organizationId: a.organizationId,
    conversationId,
    type: "AGENT_ACTION",
    content,
    metadata: { ...card },
  });
  return { messageId, posted: true };
}

/** Refreshes the card only where one exists (autonomous actions get theirs when applied). */
export async function refreshActionCard(db: Queryable, a: OptimizationAction): Promise<void> {
  const existing = await findActionCard(db, a);
  if (existing) await upsertActionCard(db, a);
}
