import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentArtifacts, agentFeedback, agentIssues, agentJobs, agentLogs } from "@/server/db/schema";

type Scope = { organizationId: string; projectId: string };
export type TaskIssue = typeof agentIssues.$inferSelect;
export type TaskJob = typeof agentJobs.$inferSelect;

/** The project's latest 50 tasks with their latest job, for the Agents page. */
export async function listProjectTasks(db: Db, scope: Scope): Promise<{ issue: TaskIssue; job: TaskJob | null }[]> {
  const issues = await db
    .select()
    .from(agentIssues)
    .where(and(eq(agentIssues.organizationId, scope.organizationId), eq(agentIssues.projectId, scope.projectId)))
    .orderBy(desc(agentIssues.createdAt))
    .limit(50);
  if (!issues.length) return [];
  const jobs = await db
    .select()
    .from(agentJobs)
    .where(and(eq(agentJobs.organizationId, scope.organizationId), inArray(agentJobs.issueId, issues.map((i) => i.id))))
    .orderBy(asc(agentJobs.createdAt));
  const latest = new Map(jobs.map((j) => [j.issueId, j]));
  return issues.map((issue) => ({ issue, job: latest.get(issue.id) ?? null }));
}

/** One task with its jobs, logs (newest 200), artifacts and the viewer's own feedback; null if not the organization's. */
export async function loadTaskPage(db: Db, input: { organizationId: string; issueId: string; userId: string }) {
  const [issue] = await db.select().from(agentIssues).where(and(eq(agentIssues.id, input.issueId), eq(agentIssues.organizationId, input.organizationId)));
  if (!issue) return null;
  const jobs = await db.select().from(agentJobs).where(and(eq(agentJobs.issueId, issue.id), eq(agentJobs.organizationId, input.organizationId))).orderBy(asc(agentJobs.createdAt));
  const jobIds = jobs.map((j) => j.id);
  if (!jobIds.length) return { issue, jobs, logs: [], artifacts: [], feedback: null };
  const [logs, artifacts, feedback] = await Promise.all([
    db.select().from(agentLogs).where(and(inArray(agentLogs.jobId, jobIds), eq(agentLogs.organizationId, input.organizationId))).orderBy(desc(agentLogs.timestamp)).limit(200),
    db.select().from(agentArtifacts).where(and(inArray(agentArtifacts.jobId, jobIds), eq(agentArtifacts.organizationId, input.organizationId))).orderBy(asc(agentArtifacts.createdAt)),
    db.select().from(agentFeedback).where(and(eq(agentFeedback.issueId, issue.id), eq(agentFeedback.userId, input.userId))).orderBy(desc(agentFeedback.createdAt)).limit(1),
  ]);
  return { issue, jobs, logs: logs.reverse(), artifacts, feedback: feedback[0] ?? null };
}
export type TaskPage = NonNullable<Awaited<ReturnType<typeof loadTaskPage>>>;
