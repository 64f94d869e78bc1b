import { Alert, Stack, Text } from "@mantine/core";
import type { AccountPause } from "./load-account-pauses";

/**
 * Shown wherever the owner looks at campaigns while Facebook has stopped one of their ad accounts:
 * what Facebook said, what it means (the agency has stopped too), and what to do. Server-rendered.
 */
export function AccountPausedBanner(props: { pauses: AccountPause[] }) {
  if (props.pauses.length === 0) return null;
  return (
    <Stack gap="xs">
      {props.pauses.map((p) => (
        <Alert key={p.adAccountId} color="red" title={p.title} role="alert" aria-label="Ad account stopped by Facebook">
          <Stack gap={4}>
            <Text size="sm">{p.happened}</Text>
            <Text size="sm">{p.means}</Text>
            <Text size="sm" fw={600}>What to do: {p.todo}</Text>
            <Text size="xs" c="dimmed">
              Facebook told us on {p.since.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC.
            </Text>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
