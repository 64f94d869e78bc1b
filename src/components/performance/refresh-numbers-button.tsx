"use client";

import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { useRefreshSoon } from "./use-refresh-soon";

/** Asks for a fresh pull of this campaign's numbers (debounced by the engine, so repeated clicks are harmless). */
export function RefreshNumbersButton(props: { campaignId: string }) {
  const refreshSoon = useRefreshSoon();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  async function refresh() {
    setBusy(true);
    setNote(null);
    const res = await callJson("/api/performance/refresh", { body: { campaignId: props.campaignId } });
    setBusy(false);
    if (!res.ok) return setNote({ ok: false, text: res.error });
    setNote({ ok: true, text: "Asked Facebook for fresh numbers. They show up here in a minute or so." });
    refreshSoon();
  }

  return (
    <Group gap="xs" wrap="nowrap">
      {note && (
        <Text size="xs" c={note.ok ? "dimmed" : "red"} role={note.ok ? "status" : "alert"}>
          {note.text}
        </Text>
      )}
      <Button size="xs" variant="light" onClick={() => void refresh()} loading={busy}>
        Refresh numbers
      </Button>
    </Group>
  );
}
