import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { describeActionKind, isAwaitingDecision } from "./describe-action";
import type { ActivityEntry } from "./load-activity";

const at = (d: Date) => d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** What the agency is doing about the campaign, in two lines: what waits for the owner, and the last change made. */
export function AgencySummary(props: { entries: ActivityEntry[]; chatHref: string }) {
  const waiting = props.entries.filter((e) => isAwaitingDecision(e.status));
  // Entries are newest first, so the first applied one is the last change.
  const lastChange = props.entries.find((e) => e.status === "APPLIED" && e.appliedAt);
  return (
    <Stack gap="xs" component="section" aria-label="What the agency is doing">
      {waiting.length > 0 && (
        <Alert color="yellow" variant="light" title={waiting.length === 1 ? "1 suggestion waits for your OK" : `${waiting.length} suggestions wait for your OK`}>
          <Text size="sm">
            {waiting.map((e) => describeActionKind(e.kind)).join("; ")}. Nothing changes until you approve. Approve or dismiss in the{" "}
            <Anchor href={`${props.chatHref}#action-${waiting[0]!.id}`}>conversation</Anchor> or in the activity below.
          </Text>
        </Alert>
      )}
      <Text size="sm">
        {lastChange
          ? `Last change: ${describeActionKind(lastChange.kind).toLowerCase()}, on ${at(lastChange.appliedAt!)}. ${lastChange.reason}`
          : "No changes made yet. The agency checks the numbers regularly and writes down below what it does and why."}
      </Text>
    </Stack>
  );
}
