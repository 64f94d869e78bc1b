import type { ActionValues } from "@/server/db/schema/optimization";
import type { OptimizationAction } from "@/server/optimization/ledger";
import { recordLedgerEntry, type LedgerWriter } from "./record";

// Ad set daily budgets are stored in hundredths of the account currency; the ledger counts micro-units.
const MICROS_PER_HUNDREDTH = 10_000;

/** The change in total daily budget an action makes, before → after, in micro-units of the account currency. */
export function dailyBudgetDeltaMicros(before: ActionValues, after: ActionValues): number {
  const changed = Object.entries(after.dailyBudgets ?? {});
  const delta = changed.reduce((sum, [id, value]) => sum + value - (before.dailyBudgets?.[id] ?? 0), 0);
  return delta * MICROS_PER_HUNDREDTH;
}

/**
 * One AD_SPEND_DELTA row for an applied action that changed budgets, keyed by the action: written in the
 * transaction that records it APPLIED, so a retry, a rerun or a second finisher never counts it twice.
 */
export async function recordAppliedAdSpend(db: LedgerWriter, action: OptimizationAction): Promise<void> {
  if (action.status !== "APPLIED" || Object.keys(action.after.dailyBudgets ?? {}).length === 0) return;
  await recordLedgerEntry(db, {
    organizationId: action.organizationId,
    projectId: action.projectId,
    runId: action.applyClaimedBy ?? action.id,
    dedupeKey: `optimization-action:${action.id}:ad-spend`,
    feature: "optimization",
    kind: "AD_SPEND_DELTA",
    deltaMicros: dailyBudgetDeltaMicros(action.before, action.after),
    provider: "facebook",
  });
}
