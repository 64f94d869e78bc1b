"use client";

import { Alert, Badge, Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { ControlNote, type ControlNoteValue } from "@/components/performance/control-note";
import { callJson } from "@/components/chat/post-json";
import { useRefreshSoon } from "@/components/performance/use-refresh-soon";

const SAMPLES: { value: string; label: string; done: string }[] = [
  { value: "lead", label: "A new lead from the ad's form", done: "Sent a lead: it appears with the campaign's leads and in your notifications." },
  // Facebook's "with issues" report (the ad may be shown less), not an outright rejection: the label says what the page then shows.
  { value: "ad-disapproved", label: "Facebook finds a problem with an ad", done: "Sent Facebook's report of a problem with the first ad: it is listed under Held back on Facebook and the chat explains it." },
  { value: "account-disabled", label: "Facebook disables the ad account", done: "Sent a disabled account: the agency stops acting on it and tells you." },
  { value: "account-enabled", label: "The ad account is active again", done: "Sent an active account: the agency resumes." },
  { value: "paused-outside", label: "Someone pauses an ad in Ads Manager", done: "Paused the ad as if in Ads Manager: the agency records it and leaves it off." },
  { value: "unknown-field", label: "A change the agency does not handle", done: "Sent an unhandled change: it is acknowledged and recorded, nothing else." },
];

/**
 * Test control for the simulated ad account only: sends one Facebook webhook about this campaign as
 * a real signed POST to our own endpoint, so each reaction can be watched without Facebook.
 */
export function SampleWebhookControls(props: { campaignId: string }) {
  const refreshSoon = useRefreshSoon();
  const [kind, setKind] = useState(SAMPLES[0]!.value);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<ControlNoteValue | null>(null);

  async function send() {
    setBusy(true);
    setNote(null);
    const res = await callJson("/api/dev/facebook-webhooks/sample", { body: { kind, campaignId: props.campaignId } });
    setBusy(false);
    if (!res.ok) return setNote({ ok: false, text: res.error });
    setNote({ ok: true, text: SAMPLES.find((s) => s.value === kind)!.done });
    refreshSoon();
  }

  return (
    <Alert color="orange" variant="light" role="region" aria-label="Simulated webhooks" title={<Group gap="xs"><Badge color="orange">Simulated</Badge><span>Facebook webhooks</span></Group>}>
      <Stack gap="xs">
        <Text size="sm">The simulated ad account sends its own leads and review results as it delivers. Send one now:</Text>
        <Group gap="xs" align="end">
          <NativeSelect aria-label="Sample webhook" size="xs" data={SAMPLES.map(({ value, label }) => ({ value, label }))} value={kind} onChange={(e) => setKind(e.currentTarget.value)} />
          <Button size="xs" color="orange" onClick={() => void send()} loading={busy}>
            Send webhook
          </Button>
        </Group>
        <ControlNote note={note} />
      </Stack>
    </Alert>
  );
}
