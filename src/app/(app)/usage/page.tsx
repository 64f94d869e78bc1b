import { Anchor, Button, Card, Container, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { AdSpendTable } from "@/components/usage/ad-spend-table";
import { BudgetForm } from "@/components/usage/budget-form";
import { BudgetSummary } from "@/components/usage/budget-summary";
import { FeatureTable } from "@/components/usage/feature-table";
import { UsageByDayChart } from "@/components/usage/usage-by-day-chart";
import { env } from "@/env";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { describeServices } from "@/server/services";
import { currentMonth, loadBudgetState } from "@/server/usage/budget";
import { loadMonthUsage } from "@/server/usage/month-view";

export const dynamic = "force-dynamic";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The organization's usage for one UTC month: cost by day and by feature, and the monthly budget. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const viewer = await requirePageViewer();
  const asked = (await searchParams).month;
  const month = asked && MONTH.test(asked) ? asked : currentMonth();
  const { db } = await getDeps();
  const scope = { organizationId: viewer.organizationId, month };
  const [usage, budget] = await Promise.all([loadMonthUsage(db, scope), loadBudgetState(db, scope)]);
  const simulated = describeServices(env()).some((s) => (s.service === "llm" || s.service === "sandbox") && s.simulated);
  return (
    <Container size="lg">
      <Stack gap="md">
        <Anchor href="/dashboard" size="sm">← All projects</Anchor>
        <Group justify="space-between" align="flex-end">
          <Title order={2}>Usage</Title>
          <form method="get" aria-label="Month">
            <Group gap="xs" align="flex-end">
              <TextInput type="month" name="month" label="Month (UTC)" defaultValue={month} />
              <Button type="submit" variant="default">Show</Button>
            </Group>
          </form>
        </Group>
        {simulated && (
          <Text size="sm" c="dimmed">
            Embedded mode: model and sandbox costs here are the simulated providers&apos; prices at list rates, not money anyone was charged.
          </Text>
        )}
        <Card withBorder padding="lg" component="section" aria-label="Budget">
          <Stack gap="md">
            <Title order={4}>Monthly budget</Title>
            <BudgetSummary budget={budget} />
            {viewer.role === "OWNER" ? (
              <BudgetForm initialUsd={budget.budgetMicroUsd === null ? null : budget.budgetMicroUsd / 1_000_000} />
            ) : (
              <Text size="sm" c="dimmed">Only the organization&apos;s owner can change the budget.</Text>
            )}
          </Stack>
        </Card>
        <Card withBorder padding="lg" component="section" aria-label="Cost by day">
          <Title order={4} mb="sm">Cost by day</Title>
          <UsageByDayChart days={usage.byDay} />
        </Card>
        <Card withBorder padding="lg" component="section" aria-label="Cost by feature">
          <Title order={4} mb="sm">By feature</Title>
          <FeatureTable rows={usage.byFeature} />
          <Title order={5} mt="lg" mb="xs">Ad budget changes</Title>
          <AdSpendTable rows={usage.adSpendDeltas} />
          <Text size="xs" c="dimmed" mt="sm">
            Ad budget changes the agency applied are your ad account&apos;s money, in its own currency, shown for the record and never counted against this budget.
          </Text>
        </Card>
      </Stack>
    </Container>
  );
}
