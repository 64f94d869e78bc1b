"use client";

import { Alert, Button, Card, Group, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";

/** Hands the agents a task for this project; the agency classifies it and picks the agent. */
export function NewTaskForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    const res = await callJson("/api/agents", { body: { projectId, title: title.trim(), description: description.trim() } });
    setBusy(false);
    if (!res.ok) return setError(res.fields?.map((f) => `${f.field} ${f.message}`).join("; ") || res.error);
    setTitle("");
    setDescription("");
    router.refresh();
  }

  return (
    <Card withBorder padding="md" component="section" aria-label="New task">
      <Stack gap="xs">
        <Title order={5}>Give the agents a task</Title>
        <TextInput label="Title" placeholder="Why did cost per lead double this week?" value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} />
        <Textarea label="Description" placeholder="What you see, what you expected, anything the agent should look at" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={10_000} autosize minRows={3} />
        {error && <Alert color="red" aria-label="Task error">{error}</Alert>}
        <Group justify="flex-end">
          <Button onClick={submit} loading={busy} disabled={!title.trim() || !description.trim()}>Submit task</Button>
        </Group>
      </Stack>
    </Card>
  );
}
