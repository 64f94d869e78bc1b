import { NextResponse } from "next/server";
import type { Deps } from "@/server/deps";
import { checkBudgetAndWarn } from "./budget-warning";
import type { BudgetState } from "./budget";
import { formatMicroUsd } from "./money";

/**
 * The month's budget is spent: the plain message and the figures, else null. The same gate for the routes and
 * for work that arrives without one (agent tasks raised by webhooks, schedules or alerts, refused at job start).
 */
export async function overBudget(
  deps: Pick<Deps, "db" | "services">,
  organizationId: string,
): Promise<{ message: string; state: BudgetState & { budgetMicroUsd: number } } | null> {
  const state = await checkBudgetAndWarn(deps, { organizationId });
  if (state.state !== "exceeded" || state.budgetMicroUsd === null) return null;
  return {
    message: `This month's usage budget is spent (${formatMicroUsd(state.spentMicroUsd)} of ${formatMicroUsd(state.budgetMicroUsd)}), so new generation work is paused. An owner can raise the budget on the usage page; chat keeps working.`,
    state: { ...state, budgetMicroUsd: state.budgetMicroUsd },
  };
}

/**
 * The gate in front of new model-heavy work (creative and app generation, agent tasks): 402 with the figures
 * once the month's agency cost reached the budget, else null. Chat is never gated. Checking also sends the
 * month's 80% warning when it is due.
 */
export async function refuseOverBudget(deps: Deps, organizationId: string): Promise<NextResponse | null> {
  const refusal = await overBudget(deps, organizationId);
  if (!refusal) return null;
  const { state } = refusal;
  return NextResponse.json(
    {
      error: refusal.message,
      code: "usage_budget_exceeded",
      month: state.month,
      budgetMicroUsd: state.budgetMicroUsd,
      spentMicroUsd: state.spentMicroUsd,
      percent: state.percent,
    },
    { status: 402 },
  );
}
