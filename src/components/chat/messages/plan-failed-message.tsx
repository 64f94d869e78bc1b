"use client";

import { Alert, Button, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { callJson } from "../post-json";

/** A plan that could not be made, said plainly, with the one way forward: ask the planner again. */
export function PlanFailedMessage(props: { content: string; campaignId: string; onRetried: () => void }) {
  const [state, setState] = useState<{ busy: boolean; sent: boolean; error: string | null }>({ busy: false, sent: false, error: null });
  const retry = async () => {
    setState({ busy: true, sent: false, error: null });
    const res = await callJson<{ warning?: string }>(`/api/campaigns/${props.campaignId}/retry-plan`, { body: { confirm: true } });
    setState({ busy: false, sent: res.ok, error: res.ok ? (res.data.warning ?? null) : res.error });
    if (res.ok) props.onRetried();
  };
  return (
    <Alert color="red" variant="light" title="The plan could not be made" aria-label="Plan failed">
      <Stack gap="xs">
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{props.content}</Text>
        {state.sent && !state.error ? (
          <Text size="sm" c="dimmed">Trying again: the new plan appears here when it is ready.</Text>
        ) : (
          <Button size="xs" w="fit-content" loading={state.busy} onClick={retry}>Try again</Button>
        )}
        {state.error && <Text size="sm" c="red">{state.error}</Text>}
      </Stack>
    </Alert>
  );
}
