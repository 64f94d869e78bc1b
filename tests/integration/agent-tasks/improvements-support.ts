import type { Db } from "@/server/db";
import { agentFeedback, agentIssues, agentJobs, type AgentType } from "@/server/db/schema";
import type { World } from "../campaigns/support";

export interface SeededFeedback {
  agentType: AgentType;
  rating: number;
  outcome: "SOLVED" | "PARTIAL" | "NOT_SOLVED" | "MADE_WORSE";
  comment?: string;
  tags?: string[];
  issueType?: "BUG" | "FEATURE" | "ENHANCEMENT" | "QUESTION" | "TASK" | "ANALYSIS";
  at: Date;
}

/** One issue, its completed job and the owner's rating of it, per entry; returns the feedback ids in order. */
export async function seedFeedback(db: Db, world: World, entries: SeededFeedback[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, e] of entries.entries()) {
    const [issue] = await db
      .insert(agentIssues)
      .values({ organizationId: world.organizationId, projectId: world.projectId, title: `Task ${i}`, description: "Do the thing", type: e.issueType ?? "TASK", agentType: e.agentType, status: "COMPLETED" })
      .returning();
    const [job] = await db
      .insert(agentJobs)
      .values({ organizationId: world.organizationId, issueId: issue!.id, agentType: e.agentType, model: "offline-demo-model", status: "COMPLETED", attempts: 1 })
      .returning();
    const [fb] = await db
      .insert(agentFeedback)
      .values({
        organizationId: world.organizationId, jobId: job!.id, issueId: issue!.id, agentType: e.agentType, rating: e.rating, outcome: e.outcome,
        comment: e.comment ?? null, tags: e.tags ?? [], userId: world.owner.userId, createdAt: e.at,
      })
      .returning();
    ids.push(fb!.id);
  }
  return ids;
}
