import { NextResponse } from "next/server";
import type { Deps } from "@/server/deps";
import { checkBudgetAndWarn } from "./budget-warning";
import { formatMicroUsd } from "./money";

/**
 * The gate in front of new model-heavy work (creative and app generation, agent tasks): 402 with the figures
 * once the month's agency cost reached the budget, else null. Chat is never gated. Checking also sends the
 * month's 80% warning when it is due.
 */
export async function refuseOverBudget(deps: Deps, organizationId: string): Promise<NextResponse | null> {
  const state = await checkBudgetAndWarn(deps, { organizationId });
  if (state.state !== "exceeded" || state.budgetMicroUsd === null) return null;
  return NextResponse.json(
    {
      error: `This month's usage budget is spent (${formatMicroUsd(state.spentMicroUsd)} of ${formatMicroUsd(state.budgetMicroUsd)}), so new generation work is paused. An owner can raise the budget on the usage page; chat keeps working.`,
      code: "usage_budget_exceeded",
      month: state.month,
      budgetMicroUsd: state.budgetMicroUsd,
      spentMicroUsd: state.spentMicroUsd,
      percent: state.percent,
    },
    { status: 402 },
  );
}
