import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db";
import { agentFeedback, agentFeedbackOutcome, agentIssues, agentJobs } from "@/server/db/schema/agent-tasks";
import { safeText } from "@/server/http";
import { FINISHED_JOB_STATUSES, type AgentIssueRow } from "./issue-view";

export const feedbackBody = z.strictObject({
  rating: z.number().int("must be a whole number").min(1).max(5),
  outcome: z.enum(agentFeedbackOutcome.enumValues),
  comment: safeText().max(4000).optional(),
  tags: z.array(safeText().min(1).max(40)).max(20).optional(),
});
export type FeedbackBody = z.infer<typeof feedbackBody>;

export type FeedbackOutcome = { ok: true; feedbackId: string; jobId: string } | { ok: false; reason: "not-finished" };

/**
 * Rates the issue's latest finished job: one rating per job and user (a second submit replaces the
 * first), and an issue in REVIEW is COMPLETED, since the owner has looked at the result. One transaction.
 */
export async function recordFeedback(db: Db, issue: AgentIssueRow, userId: string, body: FeedbackBody): Promise<FeedbackOutcome> {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(agentJobs)
      .where(and(eq(agentJobs.issueId, issue.id), inArray(agentJobs.status, [...FINISHED_JOB_STATUSES])))
      .orderBy(desc(agentJobs.completedAt), desc(agentJobs.createdAt))
      .limit(1);
    if (!job) return { ok: false as const, reason: "not-finished" as const };
    const values = { rating: body.rating, outcome: body.outcome, comment: body.comment ?? null, tags: body.tags ?? [] };
    const [row] = await tx
      .insert(agentFeedback)
      .values({ ...values, organizationId: issue.organizationId, jobId: job.id, issueId: issue.id, agentType: job.agentType, userId })
      .onConflictDoUpdate({ target: [agentFeedback.jobId, agentFeedback.userId], set: values })
      .returning({ id: agentFeedback.id });
    // Reviewed: a finished run awaiting review is done. A failed or cancelled issue keeps its status.
    await tx.update(agentIssues).set({ status: "COMPLETED" }).where(and(eq(agentIssues.id, issue.id), eq(agentIssues.status, "REVIEW")));
    return { ok: true as const, feedbackId: row!.id, jobId: job.id };
  });
}
