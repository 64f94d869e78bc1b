"use client";

import { Alert, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import { formatCents } from "@/components/campaign/format";
import { GOAL_LABELS } from "../brief-form";
import { EditBrief } from "../edit-brief";
import { callJson } from "../post-json";

const ROWS: { label: string; show: (b: BriefFields) => string }[] = [
  { label: "Your business", show: (b) => b.businessDescription },
  { label: "What to advertise", show: (b) => b.product },
  { label: "Who it's for", show: (b) => b.targetAudience },
  { label: "Where", show: (b) => b.location },
  { label: "Goal", show: (b) => GOAL_LABELS[b.goal] ?? b.goal },
  { label: "Monthly budget", show: (b) => formatCents(b.monthlyBudgetCents, b.budgetCurrency ?? "USD") },
  { label: "What makes you different", show: (b) => b.uniqueSellingPoint },
  { label: "Website", show: (b) => b.websiteUrl },
];

/**
 * The brief the agency understood, for the user to check. Confirming saves it (versioned) and
 * starts planning; to correct something the user simply says so in the chat. Once confirmed, the
 * card shows the project's current version instead, with "Edit brief" to save a newer one.
 */
export function BriefConfirmationCard(props: {
  projectId: string;
  conversationId: string;
  brief: BriefFields;
  confirmed: boolean;
  /** The project's latest saved brief; shown in place of the proposal once confirmed. */
  current: { version: number; fields: BriefFields } | null;
  /** Where an edit's "brief updated" note is posted: the project's latest conversation. */
  editConversationId?: string;
  onConfirmed: () => void;
}) {
  const current = props.confirmed ? props.current : null;
  const shown = current?.fields ?? props.brief;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const res = await callJson(`/api/projects/${props.projectId}/brief/confirm`, {
      body: { conversationId: props.conversationId, brief: props.brief },
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onConfirmed();
  }

  return (
    <Card withBorder shadow="sm" padding="lg" aria-label="Brief summary" component="section">
      <Stack gap="sm">
        <div>
          {current && <Text size="xs" c="dimmed">Brief · version {current.version}</Text>}
          <Title order={4}>Your brief</Title>
        </div>
        <Table variant="vertical" withTableBorder>
          <Table.Tbody>
            {ROWS.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th w={200}>{row.label}</Table.Th>
                <Table.Td>{row.show(shown)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {props.confirmed ? (
          <Group justify="space-between" align="flex-start">
            <Text size="sm" c="green" role="status">Brief confirmed.</Text>
            {current && <EditBrief projectId={props.projectId} conversationId={props.editConversationId} onSaved={props.onConfirmed} />}
          </Group>
        ) : (
          <Group>
            <Button onClick={() => void confirm()} loading={busy}>Confirm brief</Button>
            <Text size="xs" c="dimmed">Something off? Tell me in the chat and I'll update it.</Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
