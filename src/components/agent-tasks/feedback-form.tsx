"use client";

import { Alert, Button, Card, Group, Rating, Select, Stack, TagsInput, Text, Textarea, Title } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { OUTCOMES } from "./labels";

type Outcome = (typeof OUTCOMES)[number]["value"];
interface Given { rating: number; outcome: Outcome; comment: string | null; tags: string[] }

/** How the latest finished job did (the route picks it): the ratings feed the weekly improvement analysis. A second rating replaces the first. */
export function FeedbackForm({ issueId, given }: { issueId: string; given: Given | null }) {
  const router = useRouter();
  const [rating, setRating] = useState(given?.rating ?? 0);
  const [outcome, setOutcome] = useState<Outcome | null>(given?.outcome ?? null);
  const [comment, setComment] = useState(given?.comment ?? "");
  const [tags, setTags] = useState<string[]>(given?.tags ?? []);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function send() {
    setBusy(true);
    setError(null);
    setSaved(false);
    const res = await callJson(`/api/agents/${issueId}/feedback`, { body: { rating, outcome, comment: comment.trim() || undefined, tags } });
    setBusy(false);
    if (!res.ok) return setError(res.fields?.map((f) => `${f.field} ${f.message}`).join("; ") || res.error);
    setSaved(true);
    router.refresh();
  }

  return (
    <Card withBorder padding="md" component="section" aria-label="Feedback">
      <Stack gap="xs">
        <Title order={5}>How did the agent do?</Title>
        <Group gap="xs">
          <Text size="sm">Rating</Text>
          <Rating value={rating} onChange={setRating} aria-label="Rating" />
        </Group>
        <Select label="Outcome" data={OUTCOMES.map((o) => ({ ...o }))} value={outcome} onChange={(v) => setOutcome(v as Outcome | null)} allowDeselect={false} />
        <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
        <TagsInput label="Tags" placeholder="tone, wrong numbers…" value={tags} onChange={setTags} maxTags={20} />
        {error && <Alert color="red" aria-label="Feedback error">{error}</Alert>}
        {saved && <Text size="sm" c="green">Thanks: saved.</Text>}
        <Group justify="flex-end">
          <Button onClick={send} loading={busy} disabled={rating < 1 || !outcome}>{given ? "Update feedback" : "Send feedback"}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
