import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentArtifacts, agentFeedback, agentIssues, agentJobs, agentLogs } from "@/server/db/schema/agent-tasks";

export type AgentIssueRow = typeof agentIssues.$inferSelect;
export type AgentJobRow = typeof agentJobs.$inferSelect;

export const LIST_LIMIT = 50;
export const TERMINAL_ISSUE_STATUSES = ["COMPLETED", "FAILED", "CANCELLED"] as const;
export const FINISHED_JOB_STATUSES = ["COMPLETED", "FAILED", "CANCELLED"] as const;

/** The organization's issue, or null: another organization's id reads as absent. */
export async function findOrgIssue(db: Db, organizationId: string, issueId: string): Promise<AgentIssueRow | null> {
  const [row] = await db
    .select()
    .from(agentIssues)
    .where(and(eq(agentIssues.id, issueId), eq(agentIssues.organizationId, organizationId)));
  return row ?? null;
}

/** The latest 50 issues (optionally one project's), each with its latest job or null. */
export async function listOrgIssues(db: Db, organizationId: string, projectId?: string) {
  const issues = await db
    .select()
    .from(agentIssues)
    .where(and(eq(agentIssues.organizationId, organizationId), projectId ? eq(agentIssues.projectId, projectId) : undefined))
    .orderBy(desc(agentIssues.createdAt), desc(agentIssues.id))
    .limit(LIST_LIMIT);
  if (issues.length === 0) return [];
  const jobs = await db
    .select()
    .from(agentJobs)
    .where(and(eq(agentJobs.organizationId, organizationId), inArray(agentJobs.issueId, issues.map((i) => i.id))))
    .orderBy(desc(agentJobs.createdAt));
  const latest = new Map<string, AgentJobRow>();
  for (const job of jobs) if (!latest.has(job.issueId)) latest.set(job.issueId, job);
  return issues.map((issue) => ({ ...issue, latestJob: latest.get(issue.id) ?? null }));
}

/** One issue with everything the task page shows. Logs were redacted when written. */
export async function issueDetail(db: Db, issue: AgentIssueRow) {
  const jobs = await db.select().from(agentJobs).where(eq(agentJobs.issueId, issue.id)).orderBy(asc(agentJobs.createdAt));
  const jobIds = jobs.map((j) => j.id);
  if (jobIds.length === 0) return { issue, jobs, logs: [], artifacts: [], feedback: [] };
  const [logs, artifacts, feedback] = await Promise.all([
    db.select().from(agentLogs).where(inArray(agentLogs.jobId, jobIds)).orderBy(asc(agentLogs.timestamp)),
    db.select().from(agentArtifacts).where(inArray(agentArtifacts.jobId, jobIds)).orderBy(asc(agentArtifacts.createdAt)),
    db.select().from(agentFeedback).where(eq(agentFeedback.issueId, issue.id)).orderBy(asc(agentFeedback.createdAt)),
  ]);
  return { issue, jobs, logs, artifacts, feedback };
}
