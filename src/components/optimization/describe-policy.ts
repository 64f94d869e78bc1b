import { formatMoney } from "@/server/campaigns/currency";
import type { AutonomyPolicy } from "@/server/optimization/types";

/**
 * The policy in plain sentences on an example campaign, so "20%" becomes money the owner can
 * picture. Pure: the settings form shows it live as the numbers change, and unit tests pin it.
 */
export function describePolicy(policy: AutonomyPolicy, opts: { currency: string; exampleDailyBudgetCents: number }): string[] {
  const money = (cents: number) => formatMoney(cents, opts.currency);
  const budget = opts.exampleDailyBudgetCents;
  const share = (percent: number) => Math.floor((budget * percent) / 100);
  if (policy.dryRun) {
    return [
      "Dry run is on: the agency only writes down what it would have done. Nothing changes on Facebook, even with your OK.",
    ];
  }
  const lines: string[] = [];
  const example = `On a campaign spending ${money(budget)} a day`;
  if (policy.suggestOnly) {
    lines.push("Suggest only is on: nothing happens on its own; every change waits for your OK.");
  } else if (policy.autonomousMaxPercent === 0) {
    lines.push("Only changes that move no money (like pausing an ad nobody clicks) happen on their own; every money move waits for your OK.");
  } else {
    lines.push(`${example}, the agency may move up to ${money(share(policy.autonomousMaxPercent))} a day on its own; bigger changes wait for your OK.`);
  }
  lines.push(
    `Money changes above ${policy.blockAbovePercent}% of the daily budget (${money(share(policy.blockAbovePercent))} a day in that example) are blocked, even if you approve them.`,
  );
  if (!policy.suggestOnly) lines.push(`Across all your campaigns, at most ${money(policy.dailyCapCents)} a day is moved without asking you.`);
  lines.push(`After a change, that ad or audience is left alone for ${policy.cooldownHours} hour${policy.cooldownHours === 1 ? "" : "s"} so its numbers can settle.`);
  return lines;
}
