"use client";

import { AreaChart, BarChart, LineChart } from "@mantine/charts";
import { Card, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { formatMoney } from "@/server/campaigns/currency";
import { formatDay, formatPercent, formatRoas, type DailyPoint } from "./series";

const CHART_HEIGHT = 180;

/**
 * Spend, conversions, people clicking and money back per day. A client component because the
 * charts (recharts under Mantine) measure themselves in the browser; the numbers come from the server.
 */
export function PerformanceCharts(props: { points: DailyPoint[]; currency: string }) {
  const money = (units: number) => formatMoney(Math.round(units * 100), props.currency);
  // Charts plot main currency units so the axis reads "$12", not "1200".
  const data = props.points.map((p) => ({
    day: formatDay(p.date),
    spend: p.spendCents / 100,
    conversions: p.conversions,
    ctr: p.ctr,
    roas: p.roas,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard title="Spend per day" hint={`In ${props.currency}, as Facebook reports it.`}>
        <AreaChart h={CHART_HEIGHT} data={data} dataKey="day" series={[{ name: "spend", label: "Spend", color: "blue.6" }]} valueFormatter={money} withDots={false} />
      </ChartCard>
      <ChartCard title="Conversions per day" hint="People who did what the campaign asks (got in touch, bought, signed up).">
        <BarChart h={CHART_HEIGHT} data={data} dataKey="day" series={[{ name: "conversions", label: "Conversions", color: "teal.6" }]} valueFormatter={(v) => v.toLocaleString("en-US")} />
      </ChartCard>
      <ChartCard title="People clicking (CTR)" hint="Out of every 100 people who saw an ad, how many clicked it.">
        <LineChart h={CHART_HEIGHT} data={data} dataKey="day" series={[{ name: "ctr", label: "Click rate", color: "grape.6" }]} valueFormatter={(v) => formatPercent(v)} />
      </ChartCard>
      <ChartCard title="Money back (ROAS)" hint={`What came back for every ${money(1)} spent; below the red line the ads cost more than they earn.`}>
        <LineChart
          h={CHART_HEIGHT}
          data={data}
          dataKey="day"
          series={[{ name: "roas", label: "Money back", color: "orange.6" }]}
          valueFormatter={(v) => formatRoas(v)}
          referenceLines={[{ y: 1, label: "Break-even", color: "red.6" }]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

function ChartCard(props: { title: string; hint: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm" component="figure" m={0} aria-label={props.title}>
      <Text size="sm" fw={600}>{props.title}</Text>
      <Text size="xs" c="dimmed" mb="xs">{props.hint}</Text>
      {props.children}
    </Card>
  );
}
