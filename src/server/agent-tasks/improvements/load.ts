import { and, eq, gte, inArray, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentFeedback, agentImprovements, agentIssues } from "@/server/db/schema";
import type { PoorFeedback } from "./patterns";
import { weekRange } from "./week";

/** Poor work: a low rating, or an outcome that says the task was not done (or undone). */
const POOR = (t: typeof agentFeedback) => or(lte(t.rating, 2), inArray(t.outcome, ["NOT_SOLVED", "MADE_WORSE"]));

/** Organizations that gave any feedback in the week: each gets one analysis. */
export async function organizationsWithFeedback(db: Db, week: string): Promise<string[]> {
  const { from, to } = weekRange(week);
  const rows = await db
    .selectDistinct({ organizationId: agentFeedback.organizationId })
    .from(agentFeedback)
    .where(and(gte(agentFeedback.createdAt, from), lt(agentFeedback.createdAt, to)));
  return rows.map((r) => r.organizationId).sort();
}

/**
 * The week's poor feedback per agent type, leaving out agent types that already have cards for the
 * week (a retried or repeated analysis finds nothing new to ask the model about).
 */
export async function loadPoorFeedback(db: Db, input: { organizationId: string; week: string }): Promise<Record<string, PoorFeedback[]>> {
  const { from, to } = weekRange(input.week);
  const rows = await db
    .select({
      id: agentFeedback.id, agentType: agentFeedback.agentType, rating: agentFeedback.rating, outcome: agentFeedback.outcome,
      comment: agentFeedback.comment, tags: agentFeedback.tags, issueType: agentIssues.type, issueTitle: agentIssues.title,
    })
    .from(agentFeedback)
    .innerJoin(agentIssues, eq(agentIssues.id, agentFeedback.issueId))
    .where(and(eq(agentFeedback.organizationId, input.organizationId), gte(agentFeedback.createdAt, from), lt(agentFeedback.createdAt, to), POOR(agentFeedback)))
    .orderBy(agentFeedback.createdAt, agentFeedback.id);
  const done = await db
    .selectDistinct({ agentType: agentImprovements.agentType })
    .from(agentImprovements)
    .where(and(eq(agentImprovements.organizationId, input.organizationId), eq(agentImprovements.week, input.week)));
  const analysed = new Set(done.map((d) => d.agentType));
  const groups: Record<string, PoorFeedback[]> = {};
  for (const { agentType, ...f } of rows) {
    if (analysed.has(agentType)) continue;
    (groups[agentType] ??= []).push({ ...f, comment: f.comment?.slice(0, 1000) ?? null });
  }
  return groups;
}
