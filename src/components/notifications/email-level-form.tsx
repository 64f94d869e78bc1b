"use client";

import { Alert, Button, Group, Radio, Stack } from "@mantine/core";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { EMAIL_PREFERENCE_DESCRIPTIONS, EMAIL_PREFERENCE_LABELS, EMAIL_PREFERENCE_LEVELS, type EmailPreferenceLevel } from "@/server/notifications/email-levels";

/** The viewer's email level: three choices, saved with PUT /api/notifications/email-preference. */
export function EmailLevelForm({ initial }: { initial: EmailPreferenceLevel }) {
  const [level, setLevel] = useState<EmailPreferenceLevel>(initial);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function save() {
    setBusy(true);
    setResult(null);
    const res = await callJson<{ level: EmailPreferenceLevel }>("/api/notifications/email-preference", { method: "PUT", body: { level } });
    setBusy(false);
    if (!res.ok) return setResult({ ok: false, text: res.error });
    setResult({ ok: true, text: `Saved: ${EMAIL_PREFERENCE_LABELS[res.data.level].toLowerCase()} from now on.` });
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Email preference">
      <Stack gap="md">
        <Radio.Group value={level} onChange={(v) => { setLevel(v as EmailPreferenceLevel); setResult(null); }} label="Emails" name="email-level">
          <Stack gap="sm" mt="xs">
            {EMAIL_PREFERENCE_LEVELS.map((l) => (
              <Radio key={l} value={l} label={EMAIL_PREFERENCE_LABELS[l]} description={EMAIL_PREFERENCE_DESCRIPTIONS[l]} />
            ))}
          </Stack>
        </Radio.Group>
        {result && (
          <Alert color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"}>
            {result.text}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
