"use client";

import { useRealtime } from "inngest/react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { fetchRealtimeToken } from "./realtime-token";

interface ToolData {
  toolCallId: string;
  tool: string;
  status: "running" | "done" | "failed";
}

interface DeltaData {
  messageId: string;
  seq: number;
  delta: string;
}

/**
 * Subscribes to one conversation's realtime channel. Returns the assistant reply being generated
 * (text so far, per message id) and the agent tools still running (by name), and calls `onStored`
 * whenever the function says a message was saved, so the thread reloads from the database, the
 * source of truth.
 */
export function useReplyStream(opts: { conversationId: string | null; onStored: () => void }) {
  const { conversationId, onStored } = opts;
  const token = useCallback(
    () => fetchRealtimeToken(`/api/conversations/${conversationId}/realtime-token`),
    [conversationId],
  );
  const { messages, connectionStatus } = useRealtime({
    channel: conversationId ? `conversation:${conversationId}` : undefined,
    topics: ["delta", "message", "tool"],
    token,
    enabled: Boolean(conversationId),
    historyLimit: 2000,
  });

  const streaming = useMemo(() => {
    const byMessage = new Map<string, string[]>();
    for (const m of messages.all) {
      if (m.topic !== "delta") continue;
      const d = m.data as DeltaData;
      // seq 0 again means a retried step restarted the stream: drop what it sent before.
      const parts = d.seq === 0 ? [] : (byMessage.get(d.messageId) ?? []);
      parts[d.seq] = d.delta;
      byMessage.set(d.messageId, parts);
    }
    return new Map([...byMessage].map(([id, parts]) => [id, parts.join("")]));
  }, [messages.all]);

  // A call is running until its own "done" or "failed" arrives; the names are what the Tools tab marks.
  const runningTools = useMemo(() => {
    const calls = new Map<string, ToolData>();
    for (const m of messages.all) if (m.topic === "tool") calls.set((m.data as ToolData).toolCallId, m.data as ToolData);
    return [...new Set([...calls.values()].filter((c) => c.status === "running").map((c) => c.tool))].sort();
  }, [messages.all]);

  const storedCount = messages.all.filter((m) => m.topic === "message").length;
  const lastCount = useRef(0);
  useEffect(() => {
    if (storedCount !== lastCount.current) {
      lastCount.current = storedCount;
      onStored();
    }
  }, [storedCount, onStored]);

  return { streaming, runningTools, connectionStatus };
}
