import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentIssues, agentJobs } from "@/server/db/schema/agent-tasks";
import { TERMINAL_ISSUE_STATUSES, type AgentIssueRow } from "./issue-view";

export type CancelOutcome = { cancelled: true } | { cancelled: false; status: AgentIssueRow["status"] };

/**
 * Marks an unfinished issue CANCELLED with a compare-and-set on its status, so a cancel racing the
 * job's own finish has exactly one winner; its unfinished jobs are cancelled in the same transaction.
 * The running function itself stops on `agents/task.cancel-requested` (cancelOn).
 */
export async function cancelIssue(db: Db, issue: AgentIssueRow): Promise<CancelOutcome> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(agentIssues)
      .set({ status: "CANCELLED" })
      .where(and(eq(agentIssues.id, issue.id), notInArray(agentIssues.status, [...TERMINAL_ISSUE_STATUSES])))
      .returning({ id: agentIssues.id });
    if (!updated) {
      const [current] = await tx.select({ status: agentIssues.status }).from(agentIssues).where(eq(agentIssues.id, issue.id));
      return { cancelled: false as const, status: current?.status ?? issue.status };
    }
    await tx
      .update(agentJobs)
      .set({ status: "CANCELLED", completedAt: new Date(), error: "Cancelled by the owner" })
      .where(and(eq(agentJobs.issueId, issue.id), notInArray(agentJobs.status, ["COMPLETED", "FAILED", "CANCELLED"])));
    return { cancelled: true as const };
  });
}
