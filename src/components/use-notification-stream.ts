"use client";

import { useRealtime } from "inngest/react";
import { useCallback, useEffect, useRef } from "react";
import { fetchRealtimeToken } from "./chat/realtime-token";

/**
 * Calls `onCreated` each time a notification is published on the viewer's own channel
 * (user:<id>:notifications, fed by the publish-notification function). The bell then reloads from
 * the database, which stays the source of truth; the message only says "something new".
 */
export function useNotificationStream(opts: { userId: string; onCreated: () => void }) {
  const { userId, onCreated } = opts;
  const token = useCallback(() => fetchRealtimeToken("/api/notifications/realtime-token"), []);
  const { messages, connectionStatus } = useRealtime({
    channel: `user:${userId}:notifications`,
    topics: ["created"],
    token,
    historyLimit: 50,
  });
  const seen = useRef(0);
  const count = messages.all.length;
  useEffect(() => {
    if (count !== seen.current) {
      seen.current = count;
      onCreated();
    }
  }, [count, onCreated]);
  return { connectionStatus };
}
