"use client";

import { Alert, Button, Card, Stack, TextInput, Title } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";

/** Starts a creative session for the project: the agency reads the site and makes version 1. */
export function NewSessionForm({ projectId, defaultUrl }: { projectId: string; defaultUrl: string }) {
  const router = useRouter();
  const [brandName, setBrandName] = useState("");
  const [brandUrl, setBrandUrl] = useState(defaultUrl);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    const res = await callJson<{ sessionId: string }>("/api/creative/sessions", { body: { brandName, brandUrl, projectId } });
    setBusy(false);
    if (!res.ok) return setError(res.fields?.map((f) => `${f.field} ${f.message}`).join("; ") || res.error);
    router.push(`/projects/${projectId}/creative/${res.data.sessionId}`);
  }

  return (
    <Card withBorder padding="md" component="section" aria-label="New creative session">
      <Stack gap="xs">
        <Title order={5}>New ad creatives</Title>
        <TextInput label="Brand name" value={brandName} onChange={(e) => setBrandName(e.currentTarget.value)} maxLength={120} required />
        <TextInput label="Brand website" value={brandUrl} onChange={(e) => setBrandUrl(e.currentTarget.value)} placeholder="https://…" required />
        {error && (
          <Alert color="red" aria-label="New session error">
            {error}
          </Alert>
        )}
        <Button onClick={start} loading={busy} disabled={!brandName.trim() || !brandUrl.trim()}>
          Make creatives
        </Button>
      </Stack>
    </Card>
  );
}
