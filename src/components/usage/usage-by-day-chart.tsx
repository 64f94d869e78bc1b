"use client";

import { BarChart } from "@mantine/charts";
import { formatMicroUsd } from "@/server/usage/money";

/** The month's agency cost per day; a client component because the chart measures itself in the browser. */
export function UsageByDayChart({ days }: { days: { day: string; costMicroUsd: number }[] }) {
  const data = days.map((d) => ({ day: d.day.slice(8), cost: d.costMicroUsd / 1_000_000 }));
  return (
    <BarChart
      h={220}
      data={data}
      dataKey="day"
      series={[{ name: "cost", label: "Cost", color: "blue.6" }]}
      valueFormatter={(usd) => formatMicroUsd(Math.round(usd * 1_000_000))}
    />
  );
}
