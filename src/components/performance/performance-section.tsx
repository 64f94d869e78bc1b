import { Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { formatMoney } from "@/server/campaigns/currency";
import type { PerformanceView } from "./load-performance";
import { PerformanceCharts } from "./performance-charts";
import { RefreshNumbersButton } from "./refresh-numbers-button";
import { formatPercent, formatRoas, summarizeSeries } from "./series";
import { SimulatedClockControls } from "./simulated-clock-controls";

/**
 * The campaign page's "Performance" section: totals, four daily charts, a refresh, and (simulated
 * account, test controls on) the clock controls. Server-rendered; only the charts and buttons hydrate.
 */
export function PerformanceSection(props: {
  campaignId: string;
  view: PerformanceView;
  live: boolean;
  simulated: boolean;
  showSimulatedControls: boolean;
}) {
  const { view } = props;
  const total = summarizeSeries(view.points);
  return (
    <Stack gap="sm" component="section" aria-label="Performance">
      <Group justify="space-between" align="center">
        <Title order={5}>Performance</Title>
        <RefreshNumbersButton campaignId={props.campaignId} />
      </Group>
      {props.showSimulatedControls && <SimulatedClockControls offsetDays={view.simulatedOffsetDays} />}
      {view.points.length === 0 ? (
        <EmptyPerformance live={props.live} canAdvance={props.showSimulatedControls} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" aria-label="Totals">
            <Stat label={`Spent over ${total.days} day${total.days === 1 ? "" : "s"}`} value={formatMoney(total.spendCents, view.currency)} />
            <Stat label="Conversions" value={total.conversions.toLocaleString("en-US")} />
            <Stat label="People clicking (CTR)" value={formatPercent(total.ctr)} />
            <Stat label="Money back (ROAS)" value={formatRoas(total.roas)} />
          </SimpleGrid>
          <PerformanceCharts points={view.points} currency={view.currency} />
        </>
      )}
      {view.lastPulledAt && (
        <Text size="xs" c="dimmed">
          Numbers last pulled {view.lastPulledAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
          {props.simulated ? " from the simulated ad account (made-up but consistent numbers)" : " from Facebook"}. Days are the ad account&apos;s days.
        </Text>
      )}
    </Stack>
  );
}

function EmptyPerformance(props: { live: boolean; canAdvance: boolean }) {
  const when = props.live
    ? "Facebook reports a campaign's results a few hours after it goes live. The agency checks every few hours, and whenever you press Refresh numbers; the first day's numbers appear here after that."
    : "Numbers appear here once the campaign is live on Facebook and has run for a few hours.";
  return (
    <Stack gap={4} role="status" aria-label="No numbers yet">
      <Text size="sm" fw={600}>No numbers yet</Text>
      <Text size="sm" c="dimmed">{when}</Text>
      {props.canAdvance && (
        <Text size="sm" c="dimmed">On the simulated account, press Advance 1 day, then Run monitoring now, to see numbers straight away.</Text>
      )}
    </Stack>
  );
}

function Stat(props: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{props.label}</Text>
      <Text size="lg" fw={700}>{props.value}</Text>
    </Stack>
  );
}
