import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { redact } from "@/server/redact";
import { agentIssues, agentJobs, type AgentType } from "@/server/db/schema/agent-tasks";
import type { AgentIssueInput } from "./agents/types";
import { appendAgentLog } from "./logs";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type JobStatus = (typeof agentJobs.status.enumValues)[number];
const FINISHED: readonly JobStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];

/** The job and its issue, the job row locked: every transition below reads and writes under it. */
async function lockJob(tx: Tx, jobId: string) {
  const [row] = await tx
    .select({ job: agentJobs, issue: agentIssues })
    .from(agentJobs)
    .innerJoin(agentIssues, eq(agentIssues.id, agentJobs.issueId))
    .where(eq(agentJobs.id, jobId))
    .for("update", { of: agentJobs });
  return row ?? null;
}

const log = (tx: Tx, job: { organizationId: string; id: string }, level: "INFO" | "WARN" | "ERROR", message: string, data?: Record<string, unknown>) =>
  appendAgentLog(tx as unknown as Db, { organizationId: job.organizationId, jobId: job.id, level, message, data });

export type StartOutcome = { proceed: true; input: AgentIssueInput & { agentType: AgentType } } | { proceed: false; reason: "not-found" | JobStatus };

/** PENDING (or a RUNNING job whose run is retried) → RUNNING, its issue PROCESSING. A cancelled issue stops here. */
export async function startAgentJob(db: Db, input: { organizationId: string; jobId: string }): Promise<StartOutcome> {
  return db.transaction(async (tx) => {
    const row = await lockJob(tx, input.jobId);
    if (!row || row.job.organizationId !== input.organizationId) return { proceed: false, reason: "not-found" } as const;
    const { job, issue } = row;
    if (FINISHED.includes(job.status)) return { proceed: false, reason: job.status } as const;
    if (issue.status === "CANCELLED") {
      await tx.update(agentJobs).set({ status: "CANCELLED", completedAt: new Date() }).where(eq(agentJobs.id, job.id));
      return { proceed: false, reason: "CANCELLED" } as const;
    }
    await tx.update(agentJobs).set({ status: "RUNNING", startedAt: job.startedAt ?? new Date() }).where(eq(agentJobs.id, job.id));
    await tx.update(agentIssues).set({ status: "PROCESSING" }).where(eq(agentIssues.id, issue.id));
    await log(tx, job, "INFO", `The ${job.agentType} agent started (${job.model}).`);
    const agentInput = { organizationId: job.organizationId, projectId: issue.projectId, issueId: issue.id, jobId: job.id, title: issue.title, description: issue.description, context: issue.context };
    return { proceed: true, input: { ...agentInput, agentType: job.agentType } } as const;
  });
}

/**
 * Counts a try of the agent. Written at the top of the agent's step (the engine's attempt + 1),
 * because the start step is memoized and runs once however often the agent is retried.
 */
export async function recordAttempt(db: Db, input: { jobId: string; attempt: number }): Promise<void> {
  await db
    .update(agentJobs)
    .set({ attempts: sql`greatest(${agentJobs.attempts}, ${input.attempt})` })
    .where(eq(agentJobs.id, input.jobId));
}

/** RUNNING → COMPLETED with the run's summary; the issue waits in REVIEW for the owner's feedback. */
export async function completeAgentJob(db: Db, input: { jobId: string; summary: string; generator: string; artifacts: number }): Promise<{ completed: boolean }> {
  return db.transaction(async (tx) => {
    const row = await lockJob(tx, input.jobId);
    if (!row || row.job.status !== "RUNNING") return { completed: false };
    const result = { summary: input.summary, generator: input.generator, artifacts: input.artifacts };
    await tx.update(agentJobs).set({ status: "COMPLETED", result, completedAt: new Date() }).where(eq(agentJobs.id, row.job.id));
    await tx.update(agentIssues).set({ status: "REVIEW" }).where(eq(agentIssues.id, row.issue.id));
    await log(tx, row.job, "INFO", `Finished: ${input.summary}`, { artifacts: input.artifacts });
    return { completed: true };
  });
}

/**
 * Ends an unfinished job FAILED (its retries are spent, or it ran past the timeout) or CANCELLED (the
 * owner asked), and its issue the same. A job that already finished keeps its ending.
 */
export async function endAgentJob(db: Db, input: { jobId: string; status: "FAILED" | "CANCELLED"; error: string }): Promise<{ ended: boolean; organizationId?: string; issueId?: string }> {
  return db.transaction(async (tx) => {
    const row = await lockJob(tx, input.jobId);
    if (!row || FINISHED.includes(row.job.status)) return { ended: false };
    const error = redact(input.error).slice(0, 2000);
    await tx.update(agentJobs).set({ status: input.status, error, completedAt: new Date() }).where(eq(agentJobs.id, row.job.id));
    await tx.update(agentIssues).set({ status: input.status }).where(eq(agentIssues.id, row.issue.id));
    await log(tx, row.job, input.status === "FAILED" ? "ERROR" : "WARN", error);
    return { ended: true, organizationId: row.job.organizationId, issueId: row.issue.id };
  });
}
