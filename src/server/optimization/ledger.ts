import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { optimizationActions } from "@/server/db/schema";
import type { Decision, HistoryEntry } from "./types";

export type OptimizationAction = typeof optimizationActions.$inferSelect;
export type ActionStatus = OptimizationAction["status"];
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Queryable = Db | Tx;

const STATUS_BY_DISPOSITION: Record<Decision["disposition"], ActionStatus> = {
  autonomous: "PROPOSED",
  approval: "AWAITING_APPROVAL",
  blocked: "BLOCKED",
  "dry-run": "DRY_RUN",
};

/** "30s", "10m", "24h", "3d" (the shape src/env.ts validates) in milliseconds. */
export function durationMs(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new Error(`Not a duration: ${value}`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

export interface RecordInput {
  organizationId: string;
  projectId: string;
  campaignId: string;
  adAccountId: string;
  currency: string;
  decisions: Decision[];
  /** The ad account's now (accountNow): proposals, cooldowns and caps all read this clock. */
  now: Date;
  approvalTimeoutMs: number;
}

/**
 * Writes each decision as a ledger row. The unique idempotency key (rule, object, snapshot date) makes a
 * rerun of the evaluation a no-op: only rows actually inserted come back, so only they start a flow.
 * createdAt is the account's now too, so a proposal's cooldown holds under an advanced simulated clock.
 */
export async function recordDecisions(db: Db, input: RecordInput): Promise<OptimizationAction[]> {
  if (input.decisions.length === 0) return [];
  const expiresAt = new Date(input.now.getTime() + input.approvalTimeoutMs);
  const rows = input.decisions.map((d) => ({
    organizationId: input.organizationId,
    projectId: input.projectId,
    campaignId: input.campaignId,
    adAccountId: input.adAccountId,
    currency: input.currency,
    rule: d.rule,
    kind: d.kind,
    objectType: d.objectType,
    objectId: d.objectId,
    objectIds: d.objectIds.length ? d.objectIds : [d.objectId],
    status: STATUS_BY_DISPOSITION[d.disposition],
    requiresApproval: d.disposition === "approval",
    reason: d.reason,
    projectedEffect: d.projectedEffect,
    before: d.before,
    after: d.after,
    moneyMovedCents: d.moneyMovedCents,
    budgetChangePercent: d.budgetChangePercent,
    snapshotDate: d.snapshotDate,
    idempotencyKey: d.idempotencyKey,
    outcome: d.disposition === "blocked" || d.disposition === "dry-run" ? (d.policyNote ?? null) : null,
    expiresAt: d.disposition === "approval" ? expiresAt : null,
    createdAt: input.now,
  }));
  return db.insert(optimizationActions).values(rows).onConflictDoNothing({ target: optimizationActions.idempotencyKey }).returning();
}

/**
 * The organization's ledger of the last `days` days, as the rules read it: `at` is when an action was
 * applied, or proposed when it was not applied (yet). Every status is returned; the rules pick theirs.
 */
export async function loadHistory(db: Db, opts: { organizationId: string; now: Date; days: number }): Promise<HistoryEntry[]> {
  const since = new Date(opts.now.getTime() - opts.days * 86_400_000);
  const at = sql<Date>`coalesce(${optimizationActions.appliedAt}, ${optimizationActions.createdAt})`;
  const rows = await db
    .select({
      kind: optimizationActions.kind,
      objectIds: optimizationActions.objectIds,
      status: optimizationActions.status,
      moneyMovedCents: optimizationActions.moneyMovedCents,
      requiresApproval: optimizationActions.requiresApproval,
      after: optimizationActions.after,
      appliedAt: optimizationActions.appliedAt,
      createdAt: optimizationActions.createdAt,
    })
    .from(optimizationActions)
    .where(and(eq(optimizationActions.organizationId, opts.organizationId), gte(at, sql`${since.toISOString()}::timestamptz`)))
    .orderBy(desc(at));
  return rows.map((r) => ({
    kind: r.kind,
    objectIds: r.objectIds,
    status: r.status,
    moneyMovedCents: r.moneyMovedCents,
    requiresApproval: r.requiresApproval,
    after: r.after,
    at: r.appliedAt ?? r.createdAt,
  }));
}

export async function getAction(db: Queryable, opts: { organizationId: string; actionId: string }): Promise<OptimizationAction | null> {
  const [row] = await db
    .select()
    .from(optimizationActions)
    .where(and(eq(optimizationActions.id, opts.actionId), eq(optimizationActions.organizationId, opts.organizationId)));
  return row ?? null;
}

/**
 * Every status change of an action: a compare-and-set on the expected status(es), so of two racing
 * writers exactly one moves it. Returns the updated row, or null when the status was no longer `from`.
 */
export async function transitionAction(
  db: Queryable,
  opts: {
    organizationId: string;
    actionId: string;
    from: ActionStatus | ActionStatus[];
    to: ActionStatus;
    set?: Partial<Pick<OptimizationAction, "outcome" | "decidedBy" | "decidedAt" | "appliedAt">>;
  },
): Promise<OptimizationAction | null> {
  const from = Array.isArray(opts.from) ? opts.from : [opts.from];
  const [row] = await db
    .update(optimizationActions)
    .set({ ...opts.set, status: opts.to })
    .where(
      and(
        eq(optimizationActions.id, opts.actionId),
        eq(optimizationActions.organizationId, opts.organizationId),
        inArray(optimizationActions.status, from),
      ),
    )
    .returning();
  return row ?? null;
}

/** The campaign's ledger, newest first: what the Activity views and the e2e journey read. */
export async function listCampaignActions(db: Db, opts: { organizationId: string; campaignId: string; limit?: number }) {
  return db
    .select()
    .from(optimizationActions)
    .where(and(eq(optimizationActions.organizationId, opts.organizationId), eq(optimizationActions.campaignId, opts.campaignId)))
    .orderBy(desc(optimizationActions.createdAt))
    .limit(opts.limit ?? 200);
}
