"use client";

import { useRealtime } from "inngest/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect } from "react";
import { fetchRealtimeToken } from "@/components/chat/realtime-token";

const FALLBACK_REFRESH_MS = 3000;

/** Re-reads the page when one working task says something changed (status or a tool call). */
function TaskListener({ issueId }: { issueId: string }) {
  const router = useRouter();
  const token = useCallback(() => fetchRealtimeToken(`/api/agents/${issueId}/progress-token`), [issueId]);
  const { messages } = useRealtime({ channel: `agent-task:${issueId}`, topics: ["status", "tool"], token });
  const seen = messages.all.length;
  useEffect(() => {
    if (seen > 0) router.refresh();
  }, [seen, router]);
  return null;
}

/**
 * Live status for the working tasks on a page: realtime per task, and a re-read every 3 s in case
 * realtime is unavailable. The rows are the truth; the messages only say "look now".
 */
export function LiveTaskRefresh({ workingIssueIds }: { workingIssueIds: string[] }) {
  const router = useRouter();
  const working = workingIssueIds.length > 0;
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => router.refresh(), FALLBACK_REFRESH_MS);
    return () => clearInterval(timer);
  }, [working, router]);
  // A handful of subscriptions at most: the poll covers the rest of a long backlog.
  return workingIssueIds.slice(0, 10).map((id) => <TaskListener key={id} issueId={id} />);
}
