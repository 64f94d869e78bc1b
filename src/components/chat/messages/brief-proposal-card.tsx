"use client";

import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { formatCents } from "@/components/campaign/format";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import { GOAL_LABELS } from "../brief-form";
import { callJson } from "../post-json";
import type { BriefProposal } from "./brief-proposal-data";

const LABELS: Record<keyof BriefFields, string> = {
  businessDescription: "Your business",
  product: "What to advertise",
  targetAudience: "Who it's for",
  location: "Where",
  goal: "Goal",
  monthlyBudgetCents: "Monthly budget",
  budgetCurrency: "Budget currency",
  uniqueSellingPoint: "What makes you different",
  websiteUrl: "Website",
};

function show(b: BriefFields, field: keyof BriefFields): string {
  if (field === "goal") return GOAL_LABELS[b.goal] ?? b.goal;
  if (field === "monthlyBudgetCents") return formatCents(b.monthlyBudgetCents, b.budgetCurrency ?? "USD");
  return String(b[field]);
}

/**
 * The agent's proposed brief change: what changes, before and after. Confirm saves it through the
 * brief route (a new version, then a new plan for approval); Dismiss leaves the brief as it is.
 * Either answer is recorded on the card so it shows the outcome instead of the buttons.
 */
export function BriefProposalCard(props: { messageId: string; conversationId: string; proposal: BriefProposal; onChanged: () => void }) {
  const { proposal } = props;
  const [busy, setBusy] = useState<"confirm" | "dismiss" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const outcomeUrl = `/api/agent/brief-proposals/${props.messageId}`;

  async function answer(kind: "confirm" | "dismiss") {
    setBusy(kind);
    setError(null);
    if (kind === "confirm") {
      const saved = await callJson(`/api/projects/${proposal.projectId}/brief`, {
        method: "PUT",
        body: { conversationId: props.conversationId, brief: proposal.proposed },
      });
      if (!saved.ok) {
        setBusy(null);
        return setError(saved.error);
      }
    }
    const res = await callJson(outcomeUrl, { body: { outcome: kind === "confirm" ? "confirmed" : "dismissed" } });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    props.onChanged();
  }

  return (
    <Card withBorder shadow="sm" padding="lg" aria-label="Proposed brief change" component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Change the brief?</Title>
          {proposal.outcome && <Badge color={proposal.outcome === "confirmed" ? "green" : "gray"}>{proposal.outcome === "confirmed" ? "Confirmed" : "Dismissed"}</Badge>}
        </Group>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>Now</Table.Th>
              <Table.Th>Proposed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {proposal.changed.map((field) => (
              <Table.Tr key={field}>
                <Table.Th>{LABELS[field]}</Table.Th>
                <Table.Td>{show(proposal.current, field)}</Table.Td>
                <Table.Td fw={600}>{show(proposal.proposed, field)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {proposal.outcome === "confirmed" && <Text size="sm" c="green" role="status">Saved as a new brief version; a new plan follows for your approval.</Text>}
        {proposal.outcome === "dismissed" && <Text size="sm" c="dimmed" role="status">Dismissed; the brief stays as it was.</Text>}
        {!proposal.outcome && (
          <Group>
            <Button onClick={() => void answer("confirm")} loading={busy === "confirm"} disabled={busy !== null}>Confirm</Button>
            <Button variant="default" onClick={() => void answer("dismiss")} loading={busy === "dismiss"} disabled={busy !== null}>Dismiss</Button>
            <Text size="xs" c="dimmed">Nothing changes until you confirm.</Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
