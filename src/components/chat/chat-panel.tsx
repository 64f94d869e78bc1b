"use client";

import { Alert, Stack, Text } from "@mantine/core";
import { useRouter } from "next/navigation";
import { Fragment, useCallback, useEffect, useMemo, useState } from "react";
import { Composer } from "./composer";
import { useComposerBridgeState } from "./composer-bridge";
import type { ThreadData } from "./load-thread";
import { MessageItem } from "./message-item";
import { DeploymentProgress } from "./messages/deployment-progress";
import { TextMessage } from "./messages/text-message";
import { callJson } from "./post-json";
import { collectDecisions, deploymentAnchors } from "./thread-state";
import { useReplyStream } from "./use-reply-stream";

// Matches MESSAGE_MAX_CHARS in the onboarding route; the route is what enforces it.
const MESSAGE_MAX_CHARS = 4000;
// Cards also arrive from background functions that do not publish to this conversation's channel
// (plans, deployment), so the page re-reads the thread every few seconds while it is open.
const REFRESH_MS = 3000;

/** The project chat: the stored thread (rendered by the server), live reply text, and the composer. */
export function ChatPanel(props: { thread: ThreadData; facebookError?: string | null }) {
  const { thread } = props;
  const router = useRouter();
  const refresh = useCallback(() => router.refresh(), [router]);
  const [sendError, setSendError] = useState<string | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(thread.activeOnboardingId);
  const subscribedTo = thread.activeOnboardingId ?? conversationId;

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const { streaming, runningTools } = useReplyStream({ conversationId: thread.canChat ? subscribedTo : null, onStored: refresh });
  const { setRunningTools } = useComposerBridgeState();
  useEffect(() => setRunningTools(runningTools), [runningTools, setRunningTools]);
  const decisions = useMemo(() => collectDecisions(thread.messages), [thread.messages]);
  const anchors = useMemo(() => deploymentAnchors(thread.messages), [thread.messages]);
  const storedIds = new Set(thread.messages.map((m) => m.id));
  const inFlight = [...streaming].filter(([id, text]) => !storedIds.has(id) && text.length > 0);

  async function send(content: string): Promise<boolean> {
    setSendError(null);
    const res = await callJson<{ conversationId?: string }>(`/api/projects/${thread.projectId}/conversation`, {
      body: { content },
    });
    if (!res.ok) {
      setSendError(res.error);
      return false;
    }
    if (res.data.conversationId) setConversationId(res.data.conversationId);
    refresh();
    return true;
  }

  return (
    <Stack gap="sm">
      <Stack gap="sm" role="log" aria-label="Conversation" aria-live="polite">
        {thread.messages.length === 0 && (
          <Text c="dimmed" size="sm">
            Say hello and tell the agency about your business. It will ask a few simple questions to write your brief.
          </Text>
        )}
        {thread.messages.map((m) => {
          const deployCampaign = anchors.get(m.id);
          return (
            <Fragment key={m.id}>
              <MessageItem message={m} thread={thread} decisions={decisions} onChanged={refresh} />
              {deployCampaign && (
                <DeploymentProgress
                  projectId={thread.projectId}
                  campaignId={deployCampaign}
                  stored={thread.campaigns[deployCampaign]}
                  onChanged={refresh}
                />
              )}
            </Fragment>
          );
        })}
        {inFlight.map(([id, text]) => (
          <TextMessage key={id} role="ASSISTANT" content={text} streaming />
        ))}
      </Stack>
      {props.facebookError && (
        <Alert color="red" role="alert" title="Facebook is not connected">
          {props.facebookError}
        </Alert>
      )}
      {sendError && (
        <Alert color="red" role="alert">
          {sendError}
        </Alert>
      )}
      {thread.canChat ? (
        <Composer maxLength={MESSAGE_MAX_CHARS} onSend={send} />
      ) : (
        <Text size="xs" c="dimmed">
          Your brief is confirmed. Plans and updates for this project appear here.
        </Text>
      )}
    </Stack>
  );
}
