import { Alert, Group, Progress, Stack, Text } from "@mantine/core";
import type { BudgetState } from "@/server/usage/budget";
import { EXCEEDED_PERCENT, WARNING_PERCENT } from "@/server/usage/budget";
import { formatMicroUsd } from "@/server/usage/money";
import { BUDGET_COLORS } from "./labels";

/** The month's spend against the budget: a bar, and what the 80% and 100% states mean for the team. */
export function BudgetSummary({ budget }: { budget: BudgetState }) {
  if (budget.budgetMicroUsd === null) {
    return <Text size="sm">{formatMicroUsd(budget.spentMicroUsd)} spent this month. No budget is set, so nothing is warned about or paused.</Text>;
  }
  const percent = budget.percent ?? 0;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {formatMicroUsd(budget.spentMicroUsd)} of {formatMicroUsd(budget.budgetMicroUsd)}
        </Text>
        <Text size="sm" c="dimmed">{percent}%</Text>
      </Group>
      <Progress value={Math.min(percent, 100)} color={BUDGET_COLORS[budget.state]} aria-label="Budget used" />
      {budget.state === "warning" && (
        <Alert color="yellow" role="status">
          Over {WARNING_PERCENT}% of this month&apos;s budget is used. At {EXCEEDED_PERCENT}% new creative, app and agent work is paused.
        </Alert>
      )}
      {budget.state === "exceeded" && (
        <Alert color="red" role="alert">
          This month&apos;s budget is spent: new creative generation, app generation and agent tasks are refused until the month ends or
          the budget is raised. Chat keeps working.
        </Alert>
      )}
    </Stack>
  );
}
