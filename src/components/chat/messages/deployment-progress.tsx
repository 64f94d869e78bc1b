"use client";

import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Text } from "@mantine/core";
import { useRealtime } from "inngest/react";
import { useCallback, useMemo, useState } from "react";
import { describeStatus } from "@/components/campaign/format";
import type { CampaignState } from "../load-thread";
import { callJson } from "../post-json";
import { fetchRealtimeToken } from "../realtime-token";

interface ProgressData {
  step: string;
  state: "done" | "skipped" | "failed" | "live";
  label: string;
  completed: number;
  total: number;
}

const TERMINAL = new Set(["ACTIVE", "CLEANING_UP", "CLEANED_UP", "PAUSED", "DEPLOY_FAILED"]);

/**
 * Live deployment progress for one approved campaign, with resume / clean-up when it failed. The
 * stored status (re-read with the thread) is the truth and survives reloads; realtime only makes
 * each step appear the moment it finishes.
 */
export function DeploymentProgress(props: { projectId: string; campaignId: string; stored: CampaignState | undefined; onChanged: () => void }) {
  const { campaignId, stored } = props;
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"resume" | "cleanup" | null>(null);
  const status = stored?.status ?? "APPROVED";

  const token = useCallback(() => fetchRealtimeToken(`/api/campaigns/${campaignId}/progress-token`), [campaignId]);
  const { messages } = useRealtime({
    channel: `campaign-deploy:${campaignId}`,
    topics: ["progress"],
    token,
    enabled: !TERMINAL.has(status),
  });
  const steps = useMemo(() => {
    const seen = new Map<string, ProgressData>();
    for (const m of messages.all) if (m.topic === "progress") seen.set((m.data as ProgressData).step, m.data as ProgressData);
    return [...seen.values()];
  }, [messages.all]);

  async function act(action: "resume" | "cleanup") {
    setBusy(action);
    setActionError(null);
    const res = await callJson(`/api/campaigns/${campaignId}/${action}`, { body: { confirm: true } });
    setBusy(null);
    if (!res.ok) setActionError(res.error);
    props.onChanged();
  }

  const latest = steps.at(-1);
  const live = status === "ACTIVE";
  const failed = status === "DEPLOY_FAILED";
  // Graph refused the login: Resume would fail the same way; reconnecting resumes it (resume-deploy-after-reconnect).
  const needsReconnect = failed && stored?.lastError?.kind === "auth";
  const pct = live ? 100 : latest ? Math.round((latest.completed / Math.max(1, latest.total)) * 100) : 5;
  const shown = describeStatus(status);

  return (
    <Card withBorder padding="md" aria-label="Deployment progress" component="section">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700} size="sm">Deployment</Text>
          <Badge color={shown.color} aria-label="Campaign status">{shown.label}</Badge>
        </Group>
        <Progress value={pct} color={failed ? "red" : live ? "green" : "blue"} animated={!live && !failed} aria-label="Deployment progress bar" />
        <Stack gap={2} role="list" aria-label="Deployment steps">
          {steps.map((s) => (
            <Text key={s.step} size="xs" role="listitem" c={s.state === "failed" ? "red" : undefined}>
              {s.state === "failed" ? "✗" : "✓"} {s.label}
              {s.state === "skipped" ? " (already done)" : ""}
            </Text>
          ))}
        </Stack>
        {live && (
          <Text size="sm">
            Your campaign is live. <Anchor href={`/projects/${props.projectId}/campaigns/${campaignId}`}>View the campaign</Anchor>
          </Text>
        )}
        {failed && (
          <Alert color="red" title="The deployment stopped" role="alert">
            <Stack gap="xs">
              <Text size="sm">
                {stored?.lastError ? `${stored.lastError.message.replace(/\.$/, "")} (step: ${stored.lastError.step}).` : "A step failed."}{" "}
                {needsReconnect
                  ? "What was already created is kept. Once you reconnect Facebook the launch continues by itself; or clean up to remove it."
                  : "What was already created is kept: resume to finish, or clean up to remove it."}
              </Text>
              <Group>
                {!needsReconnect && (
                  <Button size="xs" onClick={() => void act("resume")} loading={busy === "resume"} disabled={busy !== null}>
                    Resume deployment
                  </Button>
                )}
                <Button size="xs" variant="default" onClick={() => void act("cleanup")} loading={busy === "cleanup"} disabled={busy !== null}>
                  Clean up
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {status === "CLEANING_UP" && (
          <Group>
            <Text size="sm">Removing what the deployment created from Facebook.</Text>
            {/* Re-sends the same cleanup request (the engine drops it if the first one arrived). */}
            <Button size="xs" variant="subtle" onClick={() => void act("cleanup")} loading={busy === "cleanup"} disabled={busy !== null}>
              Send again
            </Button>
          </Group>
        )}
        {actionError && <Alert color="red" role="alert">{actionError}</Alert>}
      </Stack>
    </Card>
  );
}
