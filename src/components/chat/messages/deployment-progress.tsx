"use client";

import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Text } from "@mantine/core";
import { useRealtime } from "inngest/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { describeStatus } from "@/components/campaign/format";
import { callJson } from "../post-json";
import { fetchRealtimeToken } from "../realtime-token";

interface ProgressData {
  step: string;
  state: "done" | "skipped" | "failed" | "live";
  label: string;
  completed: number;
  total: number;
}

interface CampaignStatus {
  id: string;
  projectId: string;
  status: string;
  lastError: { step: string; message: string; code?: number } | null;
}

// The stored status is the truth (it survives reloads and missed messages); realtime only makes the
// steps appear as they happen. A slow poll reconciles the two.
const STATUS_POLL_MS = 3000;
const TERMINAL = new Set(["ACTIVE", "CLEANED_UP", "PAUSED"]);

/** Live deployment progress for one approved campaign, with resume / clean-up when it failed. */
export function DeploymentProgress(props: { campaignId: string }) {
  const { campaignId } = props;
  const [campaign, setCampaign] = useState<CampaignStatus | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"resume" | "cleanup" | null>(null);

  const refresh = useCallback(async () => {
    const res = await callJson<{ campaign: CampaignStatus }>(`/api/campaigns/${campaignId}`);
    if (res.ok) setCampaign(res.data.campaign);
  }, [campaignId]);

  const finished = campaign !== null && TERMINAL.has(campaign.status);
  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = finished ? undefined : setInterval(() => void refresh(), STATUS_POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh, finished]);

  const token = useCallback(() => fetchRealtimeToken(`/api/campaigns/${campaignId}/progress-token`), [campaignId]);
  const { messages } = useRealtime({
    channel: `campaign-deploy:${campaignId}`,
    topics: ["progress"],
    token,
    enabled: !finished,
  });
  const steps = useMemo(() => {
    const seen = new Map<string, ProgressData>();
    for (const m of messages.all) if (m.topic === "progress") seen.set((m.data as ProgressData).step, m.data as ProgressData);
    return [...seen.values()];
  }, [messages.all]);

  async function act(action: "resume" | "cleanup") {
    setBusy(action);
    setActionError(null);
    const res = await callJson(`/api/campaigns/${campaignId}/${action}`, { body: {} });
    setBusy(null);
    if (!res.ok) setActionError(res.error);
    await refresh();
  }

  const latest = steps.at(-1);
  const status = campaign?.status ?? "APPROVED";
  const live = status === "ACTIVE" || latest?.state === "live";
  const pct = live ? 100 : latest ? Math.round((latest.completed / Math.max(1, latest.total)) * 100) : 5;
  const shown = describeStatus(live ? "ACTIVE" : status);

  return (
    <Card withBorder padding="md" aria-label="Deployment progress" component="section">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700} size="sm">Deployment</Text>
          <Badge color={shown.color} aria-label="Campaign status">{shown.label}</Badge>
        </Group>
        <Progress value={pct} color={status === "DEPLOY_FAILED" ? "red" : live ? "green" : "blue"} animated={!live && status !== "DEPLOY_FAILED"} aria-label="Deployment progress bar" />
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
            Your campaign is live. <Anchor href={`/projects/${campaign?.projectId ?? ""}/campaigns/${campaignId}`}>View the campaign</Anchor>
          </Text>
        )}
        {status === "DEPLOY_FAILED" && (
          <Alert color="red" title="The deployment stopped" role="alert">
            <Stack gap="xs">
              <Text size="sm">
                {campaign?.lastError ? `${campaign.lastError.message} (step: ${campaign.lastError.step})` : "A step failed."} Objects already
                created are kept: resume to finish, or clean up to remove them.
              </Text>
              <Group>
                <Button size="xs" onClick={() => void act("resume")} loading={busy === "resume"} disabled={busy !== null}>
                  Resume deployment
                </Button>
                <Button size="xs" variant="default" onClick={() => void act("cleanup")} loading={busy === "cleanup"} disabled={busy !== null}>
                  Clean up
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {actionError && <Alert color="red" role="alert">{actionError}</Alert>}
      </Stack>
    </Card>
  );
}
