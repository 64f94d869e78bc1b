import { Alert, List, ListItem, Stack, Text, Title } from "@mantine/core";
import { facebookSaid } from "@/server/webhooks/facebook-said";
import type { FacebookHold } from "./load-facebook-holds";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const VERB: Record<string, string> = { PAUSED: "paused", ARCHIVED: "archived", DELETED: "deleted" };
const day = (d: Date | null) => (d ? ` on ${d.toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" })}` : "");

/** One line per hold, in the words the owner's message used. */
export function describeHold(h: FacebookHold): string {
  if (h.kind === "held") {
    return `${cap(h.label)} was ${VERB[h.status] ?? "turned off"} outside Aigency${day(h.since)}. The agency will not turn it back on or change it; turn it on in Ads Manager when you want it to run.`;
  }
  const said = h.reason ? ` ${facebookSaid(h.reason)}` : "";
  return h.status === "DISAPPROVED"
    ? `Facebook turned down ${h.label}${day(h.since)}.${said} It is not shown, and the agency does not count it as a weak ad. Change it in Ads Manager and ask for a new review.`
    : `Facebook found a problem with ${h.label}${day(h.since)}.${said} It may be shown less until it is fixed; the agency leaves it out of its checks meanwhile.`;
}

/** The campaign page's "Held back on Facebook" box: nothing when nothing is held. */
export function FacebookHolds(props: { holds: FacebookHold[] }) {
  if (props.holds.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Held back on Facebook">
      <Title order={5}>Held back on Facebook</Title>
      <Alert color="yellow" variant="light">
        <Text size="sm" mb="xs">Some of this campaign is not running, for reasons outside the agency:</Text>
        <List size="sm" spacing={4}>
          {props.holds.map((h) => (
            <ListItem key={`${h.kind}-${h.objectId}`}>{describeHold(h)}</ListItem>
          ))}
        </List>
      </Alert>
    </Stack>
  );
}
