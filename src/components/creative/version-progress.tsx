import { Alert, Badge, Card, Group, List, ListItem, Text } from "@mantine/core";
import { STAGE_LABELS, STATUS_LABELS, type StudioVersion } from "./labels";

const MARKS = { done: "✓", skipped: "↺", running: "…", failed: "✗" } as const;

/** The latest version, stage by stage, as stored (the page refreshes while it works). */
export function VersionProgress({ version }: { version: StudioVersion }) {
  const status = STATUS_LABELS[version.status];
  const stages = Object.keys(STAGE_LABELS).map((stage) => ({ stage, record: version.stages.find((s) => s.stage === stage) }));
  return (
    <Card withBorder padding="md" component="section" aria-label="Current version progress">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>Version {version.version}</Text>
        <Badge color={status.color} aria-label="Version status">{status.label}</Badge>
      </Group>
      {version.plan && <Text size="sm" mb="xs">{version.plan.reason}</Text>}
      <List spacing={4} size="sm" listStyleType="none" aria-label="Stages">
        {stages.map(({ stage, record }) => (
          <ListItem key={stage} c={record?.status === "failed" ? "red" : record ? undefined : "dimmed"}>
            {record ? MARKS[record.status] : "·"} {STAGE_LABELS[stage]}
            {record?.status === "skipped" ? " (kept from the last version)" : ""}
            {record?.durationMs !== undefined && record.status === "done" ? ` (${Math.max(1, Math.round(record.durationMs / 1000))} s)` : ""}
          </ListItem>
        ))}
      </List>
      {version.status === "FAILED" && version.error && (
        <Alert color="red" mt="sm" title="This version failed" aria-label="Version error">
          {version.error}
        </Alert>
      )}
    </Card>
  );
}
