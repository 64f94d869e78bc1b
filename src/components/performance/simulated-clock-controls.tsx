"use client";

import { Alert, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { ControlNote, type ControlNoteValue } from "./control-note";
import { callJson } from "@/components/chat/post-json";
import { useRefreshSoon } from "./use-refresh-soon";

function describeOffset(days: number): string {
  if (days === 0) return "The simulated account runs on today's date.";
  const n = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return `The simulated account's clock runs ${n} day${days === 1 ? "" : "s"} ahead of real time.`;
}

/**
 * Test controls for the simulated ad account only: move its clock forward and run the monitoring
 * sweep now, so a week of delivery, alerts and optimisation can be watched in a minute.
 */
export function SimulatedClockControls(props: { offsetDays: number }) {
  const refreshSoon = useRefreshSoon();
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<ControlNoteValue | null>(null);

  async function run(id: string, url: string, body: unknown, done: string) {
    setBusy(id);
    setNote(null);
    const res = await callJson(url, { body });
    setBusy(null);
    if (!res.ok) return setNote({ ok: false, text: res.error });
    setNote({ ok: true, text: done });
    refreshSoon();
  }

  const advance = (days: number) =>
    run(`advance-${days}`, "/api/dev/simulated-clock", { days }, `Moved the simulated clock ${days} day${days === 1 ? "" : "s"} ahead. Run monitoring to pull those days.`);

  return (
    <Alert color="orange" variant="light" role="region" aria-label="Simulated clock" title={<Group gap="xs"><Badge color="orange">Simulated</Badge><span>Simulated time</span></Group>}>
      <Stack gap="xs">
        <Text size="sm" data-testid="simulated-offset-days" data-days={props.offsetDays}>
          {describeOffset(props.offsetDays)} Only the simulated ad account moves; nothing real is spent.
        </Text>
        <Group gap="xs">
          <Button size="xs" color="orange" variant="light" onClick={() => void advance(1)} loading={busy === "advance-1"} disabled={busy !== null}>
            Advance 1 day
          </Button>
          <Button size="xs" color="orange" variant="light" onClick={() => void advance(7)} loading={busy === "advance-7"} disabled={busy !== null}>
            Advance 7 days
          </Button>
          <Button
            size="xs"
            color="orange"
            onClick={() => void run("sweep", "/api/dev/performance-sweep", {}, "Monitoring is running: numbers, alerts and changes appear in a moment.")}
            loading={busy === "sweep"}
            disabled={busy !== null}
          >
            Run monitoring now
          </Button>
        </Group>
        <ControlNote note={note} />
      </Stack>
    </Alert>
  );
}
