"use client";

import { Badge, Card, Group, List, ListItem, Stack, Text } from "@mantine/core";
import type { ActionCardData } from "./action-card-data";
import { isAwaitingDecision } from "./describe-action";
import { DecisionButtons } from "./decision-buttons";

/**
 * A change the agency wants to make and may not make alone, in the campaign conversation: what,
 * why, what it should do, before → after, and Approve / Dismiss. `status` is the ledger's current
 * status (the message keeps the one it was posted with), so a decided card shows how it ended.
 */
export function OptimizationActionCard(props: { card: ActionCardData; status: string }) {
  const { card } = props;
  const kind = card.requiresApproval ? "Suggested change" : "Change made by the agency";
  return (
    <Card withBorder shadow="sm" padding="md" component="section" id={`action-${card.actionId}`} aria-label={`${kind}: ${card.title}`} data-testid="optimization-action-card" data-action-id={card.actionId} data-status={props.status}>
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color={card.requiresApproval ? "grape" : "teal"} variant="light">{card.requiresApproval ? "Suggested change" : "Done on its own"}</Badge>
          <Text fw={700} size="sm">{card.title}</Text>
        </Group>
        {card.reason && <Text size="sm">{card.reason}</Text>}
        {card.changes.length > 0 && (
          <Stack gap={2}>
            <Text size="xs" fw={700}>Before → after</Text>
            <List size="sm" spacing={0}>
              {card.changes.map((line) => <ListItem key={line}>{line}</ListItem>)}
            </List>
          </Stack>
        )}
        {card.projectedEffect && (
          <Text size="sm">
            <b>What it should do:</b> {card.projectedEffect}
          </Text>
        )}
        {card.outcome && <Text size="sm" c="dimmed">{card.outcome}</Text>}
        {card.impact && <Text size="sm" c="teal.8">Result: {card.impact}</Text>}
        <DecisionButtons actionId={card.actionId} status={props.status} />
        {isAwaitingDecision(props.status) && (
          <Text size="xs" c="dimmed">Nothing changes on Facebook until you approve; before applying, the agency checks that nothing was changed there meanwhile.</Text>
        )}
      </Stack>
    </Card>
  );
}
