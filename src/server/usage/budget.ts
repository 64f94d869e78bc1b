import { and, eq, gte, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { usageBudgets, usageLedger } from "@/server/db/schema";
import { monthRange } from "./month-view";

/** At 80% of the budget the owners are warned once a month; at 100% new model-heavy work is refused. */
export const WARNING_PERCENT = 80;
export const EXCEEDED_PERCENT = 100;

export type BudgetLevel = "ok" | "warning" | "exceeded";

export interface BudgetState {
  month: string;
  /** Null when the organization set no budget: nothing is warned about or refused. */
  budgetMicroUsd: number | null;
  spentMicroUsd: number;
  /** Spent as a percentage of the budget, one decimal (null without a budget). */
  percent: number | null;
  state: BudgetLevel;
}

export const currentMonth = (now = new Date()) => now.toISOString().slice(0, 7);

export function budgetLevel(spentMicroUsd: number, budgetMicroUsd: number | null): BudgetLevel {
  if (budgetMicroUsd === null) return "ok";
  if (spentMicroUsd >= budgetMicroUsd) return "exceeded";
  return spentMicroUsd * 100 >= budgetMicroUsd * WARNING_PERCENT ? "warning" : "ok";
}

/** Ledger rows that are the agency's cost in `month`: every kind but the client's ad-spend deltas. */
function agencyCostRows(month: string) {
  const { start, end } = monthRange(month);
  return and(gte(usageLedger.createdAt, start), lt(usageLedger.createdAt, end), sql`${usageLedger.kind} <> 'AD_SPEND_DELTA'`);
}

const costSum = sql<string>`coalesce(sum(${usageLedger.costMicroUsd}), 0)`;

/** The month's agency cost. */
export async function monthAgencyCost(db: Db, input: { organizationId: string; month: string }): Promise<number> {
  const [row] = await db
    .select({ total: costSum })
    .from(usageLedger)
    .where(and(eq(usageLedger.organizationId, input.organizationId), agencyCostRows(input.month)));
  return Number(row?.total ?? 0);
}

export async function getUsageBudget(db: Db, organizationId: string) {
  const [row] = await db.select().from(usageBudgets).where(eq(usageBudgets.organizationId, organizationId));
  return row ?? null;
}

export async function loadBudgetState(db: Db, input: { organizationId: string; month: string }): Promise<BudgetState> {
  const [budget, spentMicroUsd] = await Promise.all([getUsageBudget(db, input.organizationId), monthAgencyCost(db, input)]);
  const budgetMicroUsd = budget?.monthlyBudgetMicroUsd ?? null;
  const percent = budgetMicroUsd ? Math.round((spentMicroUsd / budgetMicroUsd) * 1000) / 10 : null;
  return { month: input.month, budgetMicroUsd, spentMicroUsd, percent, state: budgetLevel(spentMicroUsd, budgetMicroUsd) };
}

/** Sets (or replaces) the organization's monthly budget; the month's warning, if sent, stays sent. */
export async function setUsageBudget(db: Db, input: { organizationId: string; monthlyBudgetMicroUsd: number }): Promise<void> {
  await db
    .insert(usageBudgets)
    .values(input)
    .onConflictDoUpdate({ target: usageBudgets.organizationId, set: { monthlyBudgetMicroUsd: input.monthlyBudgetMicroUsd } });
}

/**
 * Organizations whose month's agency cost reached the warning line and that were not warned this month:
 * what the periodic check warns, so usage that crosses 80% between gated starts (chat, reports) is told too.
 */
export async function organizationsDueWarning(db: Db, input: { month: string; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ organizationId: usageBudgets.organizationId })
    .from(usageBudgets)
    .innerJoin(usageLedger, and(eq(usageLedger.organizationId, usageBudgets.organizationId), agencyCostRows(input.month)))
    .where(or(isNull(usageBudgets.warnedMonth), ne(usageBudgets.warnedMonth, input.month)))
    .groupBy(usageBudgets.organizationId, usageBudgets.monthlyBudgetMicroUsd)
    .having(sql`${costSum} * 100 >= ${usageBudgets.monthlyBudgetMicroUsd} * ${WARNING_PERCENT}`)
    .orderBy(usageBudgets.organizationId)
    .limit(input.limit);
  return rows.map((r) => r.organizationId);
}
