"use client";

import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { EMAIL_PREFERENCE_LABELS, type EmailPreferenceLevel } from "@/server/notifications/email-levels";

/** The unsubscribe page's two buttons: nothing changes until one is pressed (mail scanners only GET). */
export function UnsubscribeChoice(props: { token: string; current: EmailPreferenceLevel }) {
  const [level, setLevel] = useState(props.current);
  const [busy, setBusy] = useState<EmailPreferenceLevel | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: EmailPreferenceLevel) {
    setBusy(next);
    setError(null);
    const res = await callJson<{ level: EmailPreferenceLevel }>("/api/notifications/unsubscribe", { body: { token: props.token, level: next } });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setLevel(res.data.level);
  }

  return (
    <Stack gap="md">
      <Text size="sm" role="status">Right now: {EMAIL_PREFERENCE_LABELS[level].toLowerCase()}.</Text>
      <Group>
        <Button variant={level === "IMPORTANT" ? "filled" : "light"} loading={busy === "IMPORTANT"} onClick={() => void choose("IMPORTANT")}>
          Only important emails
        </Button>
        <Button variant={level === "NONE" ? "filled" : "light"} color="red" loading={busy === "NONE"} onClick={() => void choose("NONE")}>
          No emails
        </Button>
        {level !== "ALL" && (
          <Button variant="subtle" loading={busy === "ALL"} onClick={() => void choose("ALL")}>
            Back to all emails
          </Button>
        )}
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
    </Stack>
  );
}
