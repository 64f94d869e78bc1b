import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { dayIn } from "@/server/performance/account-timezone";
import type { OptimizationAction } from "./ledger";
import { disposition } from "./guards";
import type { AutonomyPolicy, ProposedAction, RuleId } from "./types";

/**
 * The policy as it stands at apply time, not as it stood at proposal time, judged by the same rule the
 * evaluation used (`disposition`): a setting tightened since stops the change. An approved action only
 * answers to the hard limits (blocked above Y%, dry-run): the owner's approval stands in for the
 * autonomy limits. Returns why it may not run now, in plain words, or null.
 */
export function recheckPolicy(opts: {
  action: OptimizationAction;
  policy: AutonomyPolicy;
  totalDailyBudgetCents: number;
  /** Money the organization's autonomous actions already moved today (account day), this one excluded. */
  movedTodayCents: number;
}): string | null {
  const { action } = opts;
  const proposal: ProposedAction = { ...action, rule: action.rule as RuleId, projectedEffect: action.projectedEffect ?? "" };
  const d = disposition(proposal, {
    policy: opts.policy,
    totalCents: opts.totalDailyBudgetCents,
    capUsedCents: opts.movedTodayCents,
    currency: action.currency,
  });
  const now = d.policyNote ?? "your settings no longer allow it";
  if (d.disposition === "blocked" || d.disposition === "dry-run") return `Not applied: ${now}`;
  if (action.requiresApproval || d.disposition === "autonomous") return null;
  return `Not applied on its own: your settings changed since it was proposed. ${now}`;
}

/** Money moved today (account day) by the organization's autonomous actions applied or applying, `excludeId` left out. */
export async function loadMovedToday(db: Db, opts: { organizationId: string; excludeId: string; now: Date; timeZone: string }) {
  const at = sql<Date>`coalesce(${optimizationActions.appliedAt}, ${optimizationActions.createdAt})`;
  // Two days back covers every zone's "today"; the exact day is then read in the account's zone.
  const since = new Date(opts.now.getTime() - 2 * 86_400_000);
  const rows = await db
    .select({ cents: optimizationActions.moneyMovedCents, appliedAt: optimizationActions.appliedAt, createdAt: optimizationActions.createdAt })
    .from(optimizationActions)
    .where(
      and(
        eq(optimizationActions.organizationId, opts.organizationId),
        eq(optimizationActions.requiresApproval, false),
        ne(optimizationActions.id, opts.excludeId),
        inArray(optimizationActions.status, ["APPLIED", "APPLYING"]),
        gte(at, sql`${since.toISOString()}::timestamptz`),
      ),
    );
  const today = dayIn(opts.timeZone, opts.now);
  return rows.filter((r) => dayIn(opts.timeZone, r.appliedAt ?? r.createdAt) === today).reduce((s, r) => s + r.cents, 0);
}

/** The campaign's total daily budget on the action's snapshot day (sum of its ad sets), as the rules saw it. */
export async function loadTotalDailyBudget(db: Db, a: Pick<OptimizationAction, "campaignId" | "snapshotDate" | "before">) {
  const rows = await db
    .select({ cents: performanceSnapshots.dailyBudgetCents })
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.campaignId, a.campaignId),
        eq(performanceSnapshots.date, a.snapshotDate),
        eq(performanceSnapshots.objectType, "adset"),
        eq(performanceSnapshots.objectStatus, "ACTIVE"),
      ),
    );
  const total = rows.reduce((s, r) => s + (r.cents ?? 0), 0);
  return total > 0 ? total : Object.values(a.before.dailyBudgets ?? {}).reduce((s, c) => s + c, 0);
}
