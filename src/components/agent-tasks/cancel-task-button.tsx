"use client";

import { Button, Text } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";

/** Stops a task that is waiting or working (its running job is cancelled by the engine). */
export function CancelTaskButton({ issueId }: { issueId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function cancel() {
    setBusy(true);
    const res = await callJson(`/api/agents/${issueId}/cancel`, { body: {} });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }
  return (
    <>
      <Button variant="light" color="red" size="xs" onClick={cancel} loading={busy}>Cancel task</Button>
      {error && <Text size="xs" c="red">{error}</Text>}
    </>
  );
}
