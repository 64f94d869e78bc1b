"use client";

import { Alert, Button, Card, Chip, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { QUICK_CHOICE_LABELS } from "./labels";

const CHOICES = [{ value: "decide", label: "Let the agency decide" }, ...Object.entries(QUICK_CHOICE_LABELS).map(([value, label]) => ({ value, label }))];

/**
 * Feedback for the next version. The quick choices say what to redo outright; otherwise the words
 * decide ("make the hooks more emotional", "change hook 3"). A second request while one works waits its turn.
 */
export function FeedbackBox({ sessionId, working }: { sessionId: string; working: boolean }) {
  const router = useRouter();
  const [feedback, setFeedback] = useState("");
  const [choice, setChoice] = useState("decide");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send() {
    setBusy(true);
    setError(null);
    const quickChoice = choice === "decide" ? undefined : choice;
    // A quick choice alone is feedback enough; its label is what the history shows as asked.
    const text = feedback.trim() || (quickChoice ? QUICK_CHOICE_LABELS[quickChoice]! : "");
    const res = await callJson(`/api/creative/sessions/${sessionId}/versions`, { body: { feedback: text, quickChoice } });
    setBusy(false);
    if (!res.ok) return setError(res.fields?.map((f) => `${f.field} ${f.message}`).join("; ") || res.error);
    setFeedback("");
    setChoice("decide");
    router.refresh();
  }

  return (
    <Card withBorder padding="md" component="section" aria-label="Feedback for the next version">
      <Stack gap="xs">
        <Title order={5}>What should the next version change?</Title>
        <Chip.Group multiple={false} value={choice} onChange={setChoice}>
          <Group gap="xs" role="radiogroup" aria-label="What to redo">
            {CHOICES.map((c) => (
              <Chip key={c.value} value={c.value} size="sm">
                {c.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Textarea
          label="Your feedback"
          placeholder="Make the hooks more emotional, or: more like hook 3"
          value={feedback}
          onChange={(e) => setFeedback(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        {working && <Text size="xs" c="dimmed">A version is being made now; yours starts when it finishes.</Text>}
        {error && (
          <Alert color="red" aria-label="Feedback error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={send} loading={busy} disabled={!feedback.trim() && choice === "decide"}>
            Make the next version
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
