import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db";
import { agentImprovements } from "@/server/db/schema";

export type ImprovementCard = typeof agentImprovements.$inferSelect;

/** What an owner may decide about a card; ANALYZED and PENDING are the analysis's own states. */
export const decideImprovementBody = z.object({ status: z.enum(["IMPLEMENTED", "DISMISSED"]) }).strict();

/** The organization's cards, newest week first (the board groups them by agent type). */
export function listImprovements(db: Db, organizationId: string): Promise<ImprovementCard[]> {
  return db
    .select()
    .from(agentImprovements)
    .where(eq(agentImprovements.organizationId, organizationId))
    .orderBy(desc(agentImprovements.week), agentImprovements.agentType, agentImprovements.title)
    .limit(500);
}

/** Records the owner's decision; null when the card is not the organization's (the route answers 404). */
export async function decideImprovement(
  db: Db,
  input: { organizationId: string; improvementId: string; userId: string; status: "IMPLEMENTED" | "DISMISSED" },
): Promise<ImprovementCard | null> {
  const [card] = await db
    .update(agentImprovements)
    .set({ status: input.status, decidedById: input.userId, decidedAt: new Date() })
    .where(and(eq(agentImprovements.id, input.improvementId), eq(agentImprovements.organizationId, input.organizationId)))
    .returning();
  return card ?? null;
}

export async function findImprovement(db: Db, input: { organizationId: string; improvementId: string }): Promise<ImprovementCard | null> {
  const [card] = await db
    .select()
    .from(agentImprovements)
    .where(and(eq(agentImprovements.id, input.improvementId), eq(agentImprovements.organizationId, input.organizationId)));
  return card ?? null;
}
