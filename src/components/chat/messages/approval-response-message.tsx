import { Badge, Group, Paper, Text } from "@mantine/core";

const LABELS: Record<string, { label: string; color: string }> = {
  approved: { label: "Approved", color: "green" },
  "changes-requested": { label: "Changes requested", color: "orange" },
  resume: { label: "Resumed", color: "blue" },
};

/** The user's decision on a plan, shown on their side of the thread. */
export function ApprovalResponseMessage(props: { content: string; metadata: Record<string, unknown> | null }) {
  const decision = typeof props.metadata?.decision === "string" ? props.metadata.decision : "";
  const shown = LABELS[decision] ?? { label: "Response", color: "gray" };
  const version = typeof props.metadata?.version === "number" ? ` · version ${props.metadata.version}` : "";
  return (
    <Paper p="sm" radius="md" maw="80%" ml="auto" bg="blue.0" aria-label="Your decision">
      <Group gap="xs" mb={4}>
        <Badge color={shown.color}>{shown.label}</Badge>
        <Text size="xs" c="dimmed">Campaign plan{version}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{props.content}</Text>
    </Paper>
  );
}
