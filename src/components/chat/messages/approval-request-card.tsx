"use client";

import { Alert, Badge, Button, Card, Divider, Group, List, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import type { ApprovalCard } from "@/server/campaigns/approval-card";
import { describeCta, describeObjective, formatCents, formatRange } from "@/components/campaign/format";
import { callJson } from "../post-json";
import type { PlanDecision } from "../thread-state";

/**
 * The human-in-the-loop card: everything the user is agreeing to (objective, who sees the ads, the
 * ads themselves, money, an honest range of results) and the only two ways forward.
 */
export function ApprovalRequestCard(props: { card: ApprovalCard; decision: PlanDecision | null; onDecided: () => void }) {
  const { card } = props;
  // Cards stored before plans carried a currency were all in dollars.
  const money = (cents: number) => formatCents(cents, card.budget.currency ?? "USD");
  return (
    <Card withBorder shadow="sm" padding="lg" aria-label={`Campaign plan version ${card.version}`} component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="xs" c="dimmed">Campaign plan · version {card.version}</Text>
            <Title order={4}>{card.name}</Title>
          </div>
          {card.simulated && <Badge color="gray" variant="outline">Plan from the offline demo model</Badge>}
        </Group>
        <Text size="sm">{card.summary}</Text>
        {card.replaces && (
          <Alert color="orange" variant="light" title="This version replaces a live campaign" aria-label="Replaces a live campaign">
            {card.replaces.sentence}
          </Alert>
        )}
        <Divider />
        <Section title="Goal">
          <Text size="sm">{describeObjective(card.objective)}</Text>
        </Section>
        <Section title="Who will see the ads">
          <List size="sm" spacing={2}>
            {card.targeting.map((t) => (
              <List.Item key={t.adSetName}>{t.summary}</List.Item>
            ))}
          </List>
        </Section>
        <Section title="The ads">
          <Stack gap="xs">
            {card.ads.map((ad) => (
              <Card key={`${ad.adSetName}-${ad.name}`} withBorder padding="sm" radius="sm">
                <Text fw={600} size="sm">{ad.headline}</Text>
                <Text size="sm">{ad.primaryText}</Text>
                <Group gap="xs" mt={4}>
                  <Badge variant="light">{describeCta(ad.cta)}</Badge>
                  {ad.reserve && (
                    <Badge variant="outline" color="gray" title="Set up paused; turned on only when a running ad tires">
                      In reserve
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">Image: {ad.imagePrompt}</Text>
                </Group>
              </Card>
            ))}
          </Stack>
        </Section>
        <Section title="Budget">
          <Table withRowBorders={false} verticalSpacing={2} aria-label="Budget breakdown">
            <Table.Tbody>
              <Row label="Per day" value={money(card.budget.dailyCents)} />
              {card.targeting.length > 1 && <Row label="Per audience, per day" value={money(card.budget.perAdSetDailyCents)} />}
              <Row label="About a month (30 days)" value={money(card.budget.monthlyEstimateCents)} />
              <Row label="Your monthly budget" value={money(card.budget.briefMonthlyBudgetCents)} />
              {(card.budget.otherLiveDailyCents ?? 0) > 0 && (
                <Row label="Already spent per day by your other live campaigns" value={money(card.budget.otherLiveDailyCents)} />
              )}
            </Table.Tbody>
          </Table>
          {card.budget.conversion && <Text size="xs" c="dimmed">{card.budget.conversion.sentence}</Text>}
        </Section>
        <Section title={`What to expect over ${card.projected.periodDays} days`}>
          <Text size="sm">
            {formatRange(card.projected.impressions)} views of your ads, {formatRange(card.projected.clicks)} clicks,{" "}
            {formatRange(card.projected.results)} {card.projected.resultLabel}.
          </Text>
          <Text size="xs" c="dimmed">{card.projected.note}</Text>
        </Section>
        <Divider />
        <DecisionArea card={card} decision={props.decision} onDecided={props.onDecided} />
      </Stack>
    </Card>
  );
}

function DecisionArea(props: { card: ApprovalCard; decision: PlanDecision | null; onDecided: () => void }) {
  const [mode, setMode] = useState<"idle" | "changes">("idle");
  const [feedback, setFeedback] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (props.decision) {
    const text = props.decision === "approved" ? "You approved this plan." : "You asked for changes to this plan.";
    return <Text size="sm" c="dimmed" role="status">{text}</Text>;
  }

  async function send(action: "approve" | "request-changes") {
    setBusy(true);
    setError(null);
    // An explicit `confirm: true` is what the approve route requires: an empty body never approves.
    const body = action === "approve" ? { confirm: true } : { feedback: feedback.trim() };
    const res = await callJson(`/api/campaigns/${props.card.campaignId}/${action}`, { body });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onDecided();
  }

  return (
    <Stack gap="xs">
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {mode === "changes" ? (
        <>
          <Textarea
            label="What should change?"
            placeholder="For example: focus on people in Austin only, and make the ad friendlier."
            autosize
            minRows={2}
            maxLength={4000}
            value={feedback}
            onChange={(e) => setFeedback(e.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => void send("request-changes")} loading={busy} disabled={feedback.trim().length < 3}>
              Send changes
            </Button>
            <Button variant="subtle" onClick={() => setMode("idle")} disabled={busy}>Cancel</Button>
          </Group>
        </>
      ) : (
        <Group>
          <Button color="green" onClick={() => void send("approve")} loading={busy}>Approve</Button>
          <Button variant="default" onClick={() => setMode("changes")} disabled={busy}>Request changes</Button>
        </Group>
      )}
      <Text size="xs" c="dimmed">Nothing is sent to Facebook until you press Approve.</Text>
    </Stack>
  );
}

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>{props.title}</Text>
      {props.children}
    </Stack>
  );
}

function Row(props: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Td><Text size="sm">{props.label}</Text></Table.Td>
      <Table.Td><Text size="sm" fw={600} ta="right">{props.value}</Text></Table.Td>
    </Table.Tr>
  );
}
