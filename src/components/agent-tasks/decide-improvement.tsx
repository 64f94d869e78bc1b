"use client";

import { Button, Group, Text } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";

/** The owner's Implement / Dismiss on a board card. */
export function DecideImprovement({ improvementId }: { improvementId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function decide(status: "IMPLEMENTED" | "DISMISSED") {
    setBusy(status);
    setError(null);
    const res = await callJson(`/api/agents/improvements/${improvementId}`, { body: { status } });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }
  return (
    <Group gap="xs">
      <Button size="xs" onClick={() => decide("IMPLEMENTED")} loading={busy === "IMPLEMENTED"} disabled={busy !== null}>Implement</Button>
      <Button size="xs" variant="default" onClick={() => decide("DISMISSED")} loading={busy === "DISMISSED"} disabled={busy !== null}>Dismiss</Button>
      {error && <Text size="xs" c="red">{error}</Text>}
    </Group>
  );
}
