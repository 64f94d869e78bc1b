"use client";

import { useRealtime } from "inngest/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect } from "react";
import { fetchRealtimeToken } from "@/components/chat/realtime-token";

const FALLBACK_REFRESH_MS = 3000;

/**
 * While a version works, re-reads the page as each stage finishes (realtime), and every few seconds
 * in case realtime is unavailable: the stored rows are the truth, the messages only say "look now".
 */
export function LiveRefresh({ sessionId, working }: { sessionId: string; working: boolean }) {
  const router = useRouter();
  const token = useCallback(() => fetchRealtimeToken(`/api/creative/sessions/${sessionId}/progress-token`), [sessionId]);
  const { messages } = useRealtime({ channel: `creative-session:${sessionId}`, topics: ["stage"], token, enabled: working });
  const seen = messages.all.length;
  useEffect(() => {
    if (seen > 0) router.refresh();
  }, [seen, router]);
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => router.refresh(), FALLBACK_REFRESH_MS);
    return () => clearInterval(timer);
  }, [working, router]);
  return null;
}
