import { Anchor, Badge, Group, List, ListItem, Stack, Text, Timeline, TimelineItem, Title } from "@mantine/core";
import { formatDay } from "@/components/performance/series";
import { describeActionKind, describeActionStatus, explainStatus, groupByDay, isAwaitingDecision } from "./describe-action";
import { DecisionButtons } from "./decision-buttons";
import type { ActivityEntry } from "./load-activity";

/** The campaign's action ledger: what the agency changed, proposed or held back, by account day, newest first. */
export function ActivityTimeline(props: { entries: ActivityEntry[] }) {
  const days = groupByDay(props.entries);
  return (
    <Stack gap="sm" component="section" aria-label="Activity">
      <Group justify="space-between" align="baseline">
        <Title order={5}>Activity</Title>
        <Anchor href="/settings/autonomy" size="xs">What the agency may do on its own</Anchor>
      </Group>
      {days.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          Nothing yet. Each time the agency checks the numbers it writes down here what it changed, what it suggests, and why.
        </Text>
      ) : (
        days.map(({ day, entries }) => (
          <Stack key={day} gap="xs" aria-label={`Activity on ${formatDay(day, { weekday: true })}`}>
            <Text size="sm" fw={700}>{formatDay(day, { weekday: true })}</Text>
            <Timeline bulletSize={14} lineWidth={2}>
              {entries.map((entry) => (
                <TimelineItem key={entry.id} title={<EntryTitle entry={entry} />} data-testid="activity-entry" data-status={entry.status}>
                  <EntryBody entry={entry} />
                </TimelineItem>
              ))}
            </Timeline>
          </Stack>
        ))
      )}
    </Stack>
  );
}

function EntryTitle({ entry }: { entry: ActivityEntry }) {
  const status = describeActionStatus(entry.status);
  return (
    <Group gap="xs">
      <Text size="sm" fw={600}>{entry.title ?? describeActionKind(entry.kind)}</Text>
      <Badge size="sm" color={status.color} variant="light">{status.label}</Badge>
    </Group>
  );
}

function EntryBody({ entry }: { entry: ActivityEntry }) {
  // The ledger's own outcome says it better when present; the generic note is for entries without one.
  const note = entry.outcome ? null : explainStatus(entry.status);
  return (
    <Stack gap={4}>
      <Text size="sm">{entry.reason}</Text>
      {entry.changes.length > 0 && (
        <List size="sm" spacing={0} aria-label="Before and after">
          {entry.changes.map((line) => <ListItem key={line}>{line}</ListItem>)}
        </List>
      )}
      {entry.projectedEffect && <Text size="xs" c="dimmed">Expected: {entry.projectedEffect}</Text>}
      {note && <Text size="xs" c="dimmed">{note}</Text>}
      {entry.outcome && <Text size="xs" c="dimmed">{entry.outcome}</Text>}
      <Text size="xs" c="dimmed">{describeWho(entry)}</Text>
      {entry.impactSummary && (
        <Text size="sm" c="teal.8" aria-label="Measured impact">Result: {entry.impactSummary}</Text>
      )}
      {isAwaitingDecision(entry.status) && (
        <DecisionButtons actionId={entry.id} status={entry.status} />
      )}
    </Stack>
  );
}

const at = (d: Date) => d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** Who decided, in words: a person, or the agency within the owner's autonomy settings. */
function describeWho(entry: ActivityEntry): string {
  if (entry.decidedByName && entry.status === "REJECTED") return `Dismissed by ${entry.decidedByName}${entry.decidedAt ? ` on ${at(entry.decidedAt)}` : ""}.`;
  if (entry.decidedByName) {
    const applied = entry.appliedAt ? `, applied ${at(entry.appliedAt)}` : "";
    return `Approved by ${entry.decidedByName}${entry.decidedAt ? ` on ${at(entry.decidedAt)}` : ""}${applied}.`;
  }
  if (entry.appliedAt) return `Done by the agency on its own, within your autonomy settings, ${at(entry.appliedAt)}.`;
  if (isAwaitingDecision(entry.status)) return `Proposed ${at(entry.createdAt)}; nothing changes until you approve it.`;
  return `Recorded ${at(entry.createdAt)}.`;
}
