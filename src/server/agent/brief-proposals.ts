import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { messages } from "@/server/db/schema";
import { getLatestBrief } from "@/server/onboarding/briefs";
import type { BriefProposalCard } from "./tools/money/change-brief";

export type ProposalOutcome = "confirmed" | "dismissed";

export type OutcomeResult = { ok: true; outcome: ProposalOutcome } | { ok: false; status: 404 | 409; message: string };

/**
 * Records what the owner did with a brief change card, so the card shows it instead of its buttons.
 * Tenant-scoped (another organization's card is "not found") and a compare-and-set on an open card,
 * so a second click is 409. "confirmed" only once a newer brief version than the card's was saved
 * (the brief route did the saving): the card cannot claim a change that never happened.
 */
export async function recordProposalOutcome(
  db: Db,
  opts: { organizationId: string; messageId: string; outcome: ProposalOutcome },
): Promise<OutcomeResult> {
  const [row] = await db
    .select({ id: messages.id, metadata: messages.metadata })
    .from(messages)
    .where(
      and(
        eq(messages.id, opts.messageId),
        eq(messages.organizationId, opts.organizationId),
        sql`${messages.metadata}->>'kind' = 'brief-update-proposal'`,
      ),
    );
  if (!row) return { ok: false, status: 404, message: "Brief proposal not found" };
  const card = row.metadata as unknown as BriefProposalCard;
  if (card.outcome) return { ok: false, status: 409, message: `This brief change was already ${card.outcome}.` };
  if (opts.outcome === "confirmed") {
    const latest = await getLatestBrief(db, { organizationId: opts.organizationId, projectId: card.projectId });
    if (!latest || latest.version <= card.briefVersion) return { ok: false, status: 409, message: "The brief change has not been saved yet; press Confirm again." };
  }
  const [updated] = await db
    .update(messages)
    .set({ metadata: { ...card, outcome: opts.outcome } })
    .where(and(eq(messages.id, row.id), eq(messages.organizationId, opts.organizationId), sql`${messages.metadata}->>'outcome' is null`))
    .returning({ id: messages.id });
  if (!updated) return { ok: false, status: 409, message: "This brief change was already answered." };
  return { ok: true, outcome: opts.outcome };
}
