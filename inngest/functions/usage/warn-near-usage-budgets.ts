import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { currentMonth, organizationsDueWarning } from "@/server/usage/budget";
import { checkBudgetAndWarn } from "@/server/usage/budget-warning";

// Well under Inngest's step limit; anyone left is warned on the next tick.
const PER_RUN = 200;

/**
 * Every 15 minutes: the owners of each organization whose month's agency cost crossed 80% of its budget
 * since the last look are warned (once a month, keyed as at the gates). The gates in front of creative,
 * app and agent work check too; this covers cost that no gate sees, like chat replies and reports.
 */
export const warnNearUsageBudgets = inngest.createFunction(
  { id: "warn-near-usage-budgets", triggers: [cron("TZ=UTC */15 * * * *")], concurrency: { limit: 1 } },
  async ({ step, deps }) => {
    const month = await step.run("month", () => currentMonth());
    const due = await step.run("find-organizations-due-warning", () => organizationsDueWarning(deps.db, { month, limit: PER_RUN }));
    for (const organizationId of due) {
      await step.run(`warn-${organizationId}`, async () => (await checkBudgetAndWarn(deps, { organizationId })).state);
    }
    return { month, warned: due.length };
  },
);
