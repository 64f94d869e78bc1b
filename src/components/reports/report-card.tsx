"use client";

import { Sparkline } from "@mantine/charts";
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReportCard } from "@/server/reports/card";
import { trendMark } from "./report-card-data";

/**
 * The weekly report in the campaign conversation: the summary, each figure with its week-over-week
 * arrow (green when it is good news, so a falling cost per lead is green), spend per day as a small
 * chart, and the PDF. Every string comes formatted from the server, the same as the email and PDF.
 */
export function WeeklyReportCard(props: { card: ReportCard }) {
  const { card } = props;
  return (
    <Card withBorder shadow="sm" padding="md" component="section" aria-label={`Weekly report, week ${card.week}`} data-testid="weekly-report-card" data-report-id={card.reportId}>
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Badge color="indigo" variant="light">Weekly report</Badge>
            <Text fw={700} size="sm">Week {card.week}: {card.weekLabel}</Text>
          </Group>
          <Anchor href={card.pdfPath} size="sm" download>Download PDF</Anchor>
        </Group>
        <Text size="sm">{card.summary}</Text>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          {card.metrics.map((m) => {
            const mark = trendMark(m);
            return (
              <Stack key={m.metric} gap={0}>
                <Text size="xs" c="dimmed">{m.label}</Text>
                <Text fw={700}>{m.value}</Text>
                <Text size="xs" c={mark.color} aria-label={`${m.label}: ${m.trend.text} on the week before`}>
                  {mark.arrow} {m.trend.text}
                </Text>
              </Stack>
            );
          })}
        </SimpleGrid>
        {card.days.length > 0 && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">Spend per day</Text>
            <Sparkline h={48} data={card.days.map((d) => d.spendCents / 100)} curveType="linear" color="indigo.6" fillOpacity={0.3} aria-hidden />
          </Stack>
        )}
        <Text size="xs" c="dimmed">Trends compare with the 7 days before. {card.note}</Text>
      </Stack>
    </Card>
  );
}
