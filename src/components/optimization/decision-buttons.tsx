"use client";

import { Alert, Badge, Button, Group, Stack } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { describeActionStatus, isAwaitingDecision } from "./describe-action";

/**
 * Approve / Dismiss for one ledger entry awaiting the owner. Once decided (here or elsewhere) the
 * buttons give way to the entry's status, so a second click can never reach the routes.
 */
export function DecisionButtons(props: { actionId: string; status: string }) {
  const router = useRouter();
  const [decided, setDecided] = useState<string | null>(null);
  const [busy, setBusy] = useState<"approve" | "dismiss" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = decided ?? props.status;

  if (!isAwaitingDecision(status)) {
    const shown = describeActionStatus(status);
    return <Badge color={shown.color} variant="light" role="status" aria-label={`Decision: ${shown.label}`}>{shown.label}</Badge>;
  }

  async function decide(choice: "approve" | "dismiss") {
    setBusy(choice);
    setError(null);
    // As with plans, an explicit confirm is what approves: an empty body never does.
    const res = await callJson<{ status?: unknown; action?: { status?: unknown } }>(`/api/optimization/actions/${props.actionId}/${choice}`, { body: choice === "approve" ? { confirm: true } : {} });
    setBusy(null);
    if (!res.ok) {
      setError(res.error);
      // 409: decided meanwhile (elsewhere, or it expired); the re-read shows what happened.
      if (res.status === 409) router.refresh();
      return;
    }
    const answered = res.data.action?.status ?? res.data.status;
    setDecided(typeof answered === "string" ? answered : choice === "approve" ? "APPROVED" : "REJECTED");
    router.refresh();
  }

  return (
    <Stack gap={4}>
      {error && <Alert color="red" role="alert" p="xs">{error}</Alert>}
      <Group gap="xs">
        <Button size="xs" color="green" onClick={() => void decide("approve")} loading={busy === "approve"} disabled={busy !== null}>
          Approve change
        </Button>
        <Button size="xs" variant="default" onClick={() => void decide("dismiss")} loading={busy === "dismiss"} disabled={busy !== null}>
          Dismiss change
        </Button>
      </Group>
    </Stack>
  );
}
