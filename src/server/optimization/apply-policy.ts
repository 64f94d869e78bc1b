import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { formatMoney } from "@/server/campaigns/currency";
import type { Db } from "@/server/db";
import { optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { dayIn } from "@/server/performance/account-timezone";
import type { OptimizationAction } from "./ledger";
import type { AutonomyPolicy } from "./types";

// Budget moves and raises put more money at risk; pauses and swaps never do, so the % limits skip them.
const MONEY_KINDS = new Set<OptimizationAction["kind"]>(["RAISE_BUDGET", "SHIFT_BUDGET"]);

/** The action's size as a percent of the campaign's total daily budget, as the rules measured it. */
export function percentOfBudget(a: Pick<OptimizationAction, "kind" | "budgetChangePercent" | "moneyMovedCents">, totalDailyBudgetCents: number) {
  if (a.kind === "RAISE_BUDGET") return a.budgetChangePercent;
  if (a.kind === "SHIFT_BUDGET") return totalDailyBudgetCents > 0 ? (a.moneyMovedCents / totalDailyBudgetCents) * 100 : Infinity;
  return 0;
}

/**
 * The policy as it stands at apply time, not as it stood at proposal time: a setting tightened since
 * stops the change. Approved actions only answer to the hard limits (block above Y%, dry-run); the
 * owner's approval stands in for the autonomy limits. Returns why it may not run, or null.
 */
export function recheckPolicy(opts: {
  action: Pick<OptimizationAction, "kind" | "budgetChangePercent" | "moneyMovedCents" | "requiresApproval" | "currency">;
  policy: AutonomyPolicy;
  totalDailyBudgetCents: number;
  /** Money the organization's autonomous actions already moved today (account day), this one excluded. */
  movedTodayCents: number;
}): string | null {
  const { action, policy } = opts;
  if (policy.dryRun) return "Dry-run mode is on in your settings, so the agency only records what it would do; nothing was changed.";
  const percent = MONEY_KINDS.has(action.kind) ? percentOfBudget(action, opts.totalDailyBudgetCents) : 0;
  const shown = Number.isFinite(percent) ? `${Math.round(percent)}%` : "an unknown share";
  if (percent > policy.blockAbovePercent) {
    return `Your settings now block changes above ${policy.blockAbovePercent}% of the daily budget, and this one is ${shown}; nothing was changed.`;
  }
  if (action.requiresApproval) return null;
  if (policy.suggestOnly) return "Your settings now ask the agency to suggest changes only, so this one was not made on its own.";
  if (percent > policy.autonomousMaxPercent) {
    return `Your settings now let the agency move at most ${policy.autonomousMaxPercent}% of the daily budget on its own, and this is ${shown}; nothing was changed.`;
  }
  if (action.moneyMovedCents > 0 && opts.movedTodayCents + action.moneyMovedCents > policy.dailyCapCents) {
    return `This would take the money moved today past your daily limit of ${formatMoney(policy.dailyCapCents, action.currency)}; nothing was changed.`;
  }
  return null;
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
      ),
    );
  const total = rows.reduce((s, r) => s + (r.cents ?? 0), 0);
  return total > 0 ? total : Object.values(a.before.dailyBudgets ?? {}).reduce((s, c) => s + c, 0);
}
