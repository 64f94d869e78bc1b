import { Badge, Group, Paper, Text } from "@mantine/core";

/** Something the agency did on its own (a routine action): a quiet line, not a bubble. */
export function AgentActionMessage(props: { content: string; metadata: Record<string, unknown> | null }) {
  const action = typeof props.metadata?.action === "string" ? props.metadata.action : "Agent action";
  return (
    <Paper p="xs" radius="sm" withBorder aria-label="Agent action">
      <Group gap="xs" wrap="nowrap">
        <Badge variant="light" color="grape">{action}</Badge>
        <Text size="sm">{props.content}</Text>
      </Group>
    </Paper>
  );
}
