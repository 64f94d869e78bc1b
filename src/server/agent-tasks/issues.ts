import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentIssues } from "@/server/db/schema/agent-tasks";
import { projects } from "@/server/db/schema/tenancy";

export type IssueSource = (typeof agentIssues.source.enumValues)[number];

export interface SubmitIssueInput {
  organizationId: string;
  projectId?: string | null;
  source: IssueSource;
  /** The source's own id: a redelivered webhook or a re-run schedule tick finds the issue it made. */
  externalId?: string | null;
  title: string;
  description: string;
  context?: Record<string, unknown>;
  createdById?: string | null;
}

export type SubmitIssueOutcome = { ok: true; issueId: string; created: boolean } | { ok: false; reason: "project-not-found" };

/**
 * Records an issue (PENDING) from any source. The caller sends `agents/issue.submitted` after this
 * commits, with the issue id as the event id, so a resend never classifies it twice. With an
 * externalId the insert is idempotent: the same delivery answers the same issue.
 */
export async function submitIssue(db: Db, input: SubmitIssueInput): Promise<SubmitIssueOutcome> {
  if (input.projectId) {
    const [project] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.organizationId, input.organizationId)));
    if (!project) return { ok: false, reason: "project-not-found" };
  }
  const values = {
    organizationId: input.organizationId,
    projectId: input.projectId ?? null,
    source: input.source,
    externalId: input.externalId ?? null,
    title: input.title,
    description: input.description,
    context: input.context ?? {},
    createdById: input.createdById ?? null,
  };
  const [inserted] = await db.insert(agentIssues).values(values).onConflictDoNothing().returning({ id: agentIssues.id });
  if (inserted) return { ok: true, issueId: inserted.id, created: true };
  const [existing] = await db
    .select({ id: agentIssues.id })
    .from(agentIssues)
    .where(and(eq(agentIssues.organizationId, input.organizationId), eq(agentIssues.source, input.source), eq(agentIssues.externalId, input.externalId ?? "")));
  if (!existing) throw new Error("The issue insert conflicted but no issue with that external id exists");
  return { ok: true, issueId: existing.id, created: false };
}
