import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { agentIssueSubmitted, agentJobRequested } from "@/inngest/events";
import { classifyAgentIssue } from "@/inngest/functions/agent-tasks/classify-agent-issue";
import { runAgentJob } from "@/inngest/functions/agent-tasks/run-agent-job";
import { submitIssue } from "@/server/agent-tasks/issues";
import type { Db } from "@/server/db";
import { agentArtifacts, agentIssues, agentJobs, agentLogs } from "@/server/db/schema";
import { testCtx } from "../campaigns/support";

export async function seedIssue(db: Db, world: { organizationId: string; projectId: string }, text: { title: string; description?: string; context?: Record<string, unknown> }) {
  const out = await submitIssue(db, {
    organizationId: world.organizationId,
    projectId: world.projectId,
    source: "MANUAL",
    title: text.title,
    description: text.description ?? text.title,
    context: text.context,
  });
  if (!out.ok) throw new Error(out.reason);
  return { organizationId: world.organizationId, issueId: out.issueId };
}

/** classify-agent-issue through @inngest/test; `steps` mocks steps by id (a mock that throws = that step failed). */
export async function runClassify(issue: { organizationId: string; issueId: string }, steps: { id: string; handler: () => unknown }[] = []) {
  const ctx = testCtx();
  const out = await new InngestTestEngine({
    function: classifyAgentIssue,
    events: [agentIssueSubmitted.create({ ...issue, source: "MANUAL" }, { id: issue.issueId }) as never],
    steps,
    transformCtx: ctx.transformCtx,
  }).execute();
  return { ...out, sent: ctx.sent };
}

export type JobRef = { organizationId: string; issueId: string; jobId: string; agentType: string; priority: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" };

export async function runJob(job: JobRef, steps: { id: string; handler: () => unknown }[] = []) {
  const ctx = testCtx();
  const out = await new InngestTestEngine({
    function: runAgentJob,
    events: [agentJobRequested.create(job, { id: `agents-job-requested-${job.jobId}` }) as never],
    steps,
    transformCtx: ctx.transformCtx,
  }).execute();
  return { ...out, sent: ctx.sent };
}

export async function issueRow(db: Db, issueId: string) {
  const [row] = await db.select().from(agentIssues).where(eq(agentIssues.id, issueId));
  return row!;
}

export async function jobsOf(db: Db, issueId: string) {
  return db.select().from(agentJobs).where(eq(agentJobs.issueId, issueId));
}

export async function artifactsOf(db: Db, jobId: string) {
  return db.select().from(agentArtifacts).where(eq(agentArtifacts.jobId, jobId));
}

export async function logsOf(db: Db, jobId: string) {
  return db.select().from(agentLogs).where(eq(agentLogs.jobId, jobId)).orderBy(agentLogs.timestamp);
}

export const sentNames = (sent: { payload: unknown }[]) => sent.flatMap((s) => [s.payload].flat()).map((p) => (p as { name: string }).name);
