import { randomUUID } from "node:crypto";
import { performanceSnapshots } from "@/server/db/schema";
import type { Db } from "@/server/db";
import type { AgentLog, AgentLogLevel } from "@/server/agent-tasks/agents";
import type { AgentIssueInput } from "@/server/agent-tasks/agents/types";

/** A log double: what the job's appendAgentLog would have been handed, in order. */
export function recordingLog() {
  const entries: { level: AgentLogLevel; message: string; data?: Record<string, unknown> }[] = [];
  const log: AgentLog = async (level, message, data) => {
    entries.push({ level, message, data });
  };
  const tools = () => entries.filter((e) => e.data?.tool).map((e) => `${e.data!.tool as string}:${e.data!.outcome as string}`);
  return { log, entries, tools };
}

export function issueInput(scope: { organizationId: string; projectId: string | null }, words: { title: string; description?: string; context?: Record<string, unknown> }): AgentIssueInput {
  return { ...scope, issueId: randomUUID(), jobId: randomUUID(), title: words.title, description: words.description ?? "", context: words.context ?? {} };
}

const day = (start: string, offset: number) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** Campaign-level daily rows from `start`, one per entry of `days` (spend in cents, impressions, clicks, leads). */
export async function seedDailyRows(
  db: Db,
  c: { organizationId: string; campaignId: string; adAccountId: string },
  start: string,
  days: { spendCents: number; impressions: number; clicks: number; leads: number; frequency?: number }[],
) {
  await db.insert(performanceSnapshots).values(
    days.map((d, i) => ({
      organizationId: c.organizationId,
      campaignId: c.campaignId,
      adAccountId: c.adAccountId,
      objectType: "campaign" as const,
      objectId: "cmp-1",
      date: day(start, i),
      spendCents: d.spendCents,
      impressions: d.impressions,
      clicks: d.clicks,
      conversions: d.leads,
      frequency: d.frequency ?? 1.5,
    })),
  );
}
