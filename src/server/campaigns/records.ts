import { and, asc, eq, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, conversations, messages, type FacebookIdMap } from "@/server/db/schema";

export type CampaignRecord = typeof campaignRecords.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Queryable = Db | Tx;

export async function getCampaign(db: Queryable, opts: { organizationId: string; campaignId: string }) {
  const [row] = await db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.id, opts.campaignId), eq(campaignRecords.organizationId, opts.organizationId)));
  return row ?? null;
}

export async function findBySourceKey(db: Queryable, sourceKey: string) {
  const [row] = await db.select().from(campaignRecords).where(eq(campaignRecords.sourceKey, sourceKey));
  return row ?? null;
}

// A DRAFT whose run has not touched it for this long is orphaned (the run was cancelled or lost):
// longer than one planner run with its retries can take.
export const PLAN_CLAIM_LEASE_MS = 15 * 60_000;

export interface ClaimInput {
  organizationId: string;
  projectId: string;
  briefId: string;
  sourceKey: string;
  runId: string;
  connectionUserId: string;
  adAccountId: string;
  ownerUserId: string;
  currency: string;
  replacesCampaignId?: string;
  previousVersionId?: string;
  feedback?: string;
}

/**
 * Takes over a version nobody is planning any more: a failed one (the owner pressed "Try again" or the
 * Dev Server reran the run) or a DRAFT whose run vanished. Compare-and-set on status and claimant, so
 * of two racing takers exactly one wins.
 */
async function takeOver(db: Db, existing: CampaignRecord, opts: ClaimInput, now: Date): Promise<CampaignRecord | null> {
  const orphaned = existing.status === "DRAFT" && now.getTime() - existing.updatedAt.getTime() > PLAN_CLAIM_LEASE_MS;
  if (existing.status !== "GENERATION_FAILED" && !orphaned) return null;
  const [row] = await db
    .update(campaignRecords)
    .set({
      status: "DRAFT",
      claimedByRunId: opts.runId,
      // The lease starts now on the caller's clock, so a racing taker cannot see this fresh claim as stale.
      updatedAt: now,
      connectionUserId: opts.connectionUserId,
      adAccountId: opts.adAccountId,
      currency: opts.currency,
      replacesCampaignId: opts.replacesCampaignId ?? null,
    })
    .where(
      and(
        eq(campaignRecords.id, existing.id),
        eq(campaignRecords.claimedByRunId, existing.claimedByRunId),
        or(
          eq(campaignRecords.status, "GENERATION_FAILED"),
          and(eq(campaignRecords.status, "DRAFT"), lt(campaignRecords.updatedAt, new Date(now.getTime() - PLAN_CLAIM_LEASE_MS))),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Claims the right to plan one version before calling the model: the unique sourceKey lets exactly
 * one run win when the brief event and the connection event race. A retry of the winning run finds
 * its own claim (same runId) and carries on; a later run takes over a failed or orphaned claim.
 */
export async function claimPlanRecord(
  db: Db,
  opts: ClaimInput,
  now = new Date(),
): Promise<{ claimed: boolean; record: CampaignRecord }> {
  const existing = await findBySourceKey(db, opts.sourceKey);
  if (existing) {
    if (existing.claimedByRunId === opts.runId && existing.status === "DRAFT") return { claimed: true, record: existing };
    const taken = await takeOver(db, existing, opts, now);
    return taken ? { claimed: true, record: taken } : { claimed: false, record: existing };
  }
  const inserted = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ v: max(campaignRecords.version) })
      .from(campaignRecords)
      .where(eq(campaignRecords.projectId, opts.projectId));
    const [row] = await tx
      .insert(campaignRecords)
      .values({ ...opts, claimedByRunId: opts.runId, version: (current?.v ?? 0) + 1, status: "DRAFT" })
      .onConflictDoNothing()
      .returning();
    return row;
  });
  if (inserted) return { claimed: true, record: inserted };
  const winner = await findBySourceKey(db, opts.sourceKey);
  // A (projectId, version) clash with another source: let the step retry and take the next number.
  if (!winner) throw new Error(`Plan version for project ${opts.projectId} was taken concurrently; retrying`);
  return { claimed: false, record: winner };
}

/**
 * The project's campaign conversation, created on first use. Concurrent first uses may all
 * insert: the partial unique index keeps one and the others read it back.
 */
export async function ensureCampaignConversation(tx: Queryable, opts: { organizationId: string; projectId: string }) {
  const existing = await findCampaignConversation(tx, opts);
  if (existing) return existing;
  await tx
    .insert(conversations)
    .values({ organizationId: opts.organizationId, projectId: opts.projectId, type: "CAMPAIGN", title: "Campaign" })
    .onConflictDoNothing();
  const created = await findCampaignConversation(tx, opts);
  if (!created) throw new Error(`Campaign conversation for project ${opts.projectId} is missing after insert`);
  return created;
}

async function findCampaignConversation(db: Queryable, opts: { organizationId: string; projectId: string }) {
  const [found] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.projectId, opts.projectId),
        eq(conversations.organizationId, opts.organizationId),
        eq(conversations.type, "CAMPAIGN"),
        ne(conversations.status, "ARCHIVED"),
      ),
    )
    .orderBy(asc(conversations.createdAt))
    .limit(1);
  return found?.id ?? null;
}

export async function postCampaignMessage(
  tx: Queryable,
  opts: {
    organizationId: string;
    conversationId: string;
    type: (typeof messages.$inferInsert)["type"];
    role?: (typeof messages.$inferInsert)["role"];
    content: string;
    metadata?: Record<string, unknown>;
  },
) {
  const [row] = await tx
    .insert(messages)
    .values({
      organizationId: opts.organizationId,
      conversationId: opts.conversationId,
      role: opts.role ?? "ASSISTANT",
      type: opts.type,
      content: opts.content,
      metadata: opts.metadata ?? null,
    })
    .returning({ id: messages.id });
  return row!.id;
}

type IdColumn = "fbAdSetIds" | "fbImageHashes" | "fbCreativeIds" | "fbAdIds";

/** Where the record keeps one created Facebook id: its own campaign column, or one key of an id map. */
export type FacebookIdSlot = { column: "fbCampaignId" } | { column: IdColumn; key: string };

/**
 * Stores a created Facebook id only while its slot is empty, and answers the id the slot holds then:
 * ours, or the one a racing run claimed first. Whichever claim lands first decides the copy every run
 * keeps, so a late writer can no longer point the record at a copy the other run deleted.
 */
export async function claimFacebookId(db: Db, opts: { campaignId: string; slot: FacebookIdSlot; value: string }): Promise<string> {
  const slot = slotSql(opts.slot, opts.value);
  const [won] = await db
    .update(campaignRecords)
    .set(slot.fill)
    .where(and(eq(campaignRecords.id, opts.campaignId), slot.isEmpty))
    .returning({ id: campaignRecords.id });
  if (won) return opts.value;
  // A statement of its own: one statement's snapshot can predate the racer's commit that made the update miss.
  const [row] = await db.select({ held: slot.held }).from(campaignRecords).where(eq(campaignRecords.id, opts.campaignId));
  if (!row?.held) throw new Error(`Campaign ${opts.campaignId} has no record to store Facebook id ${opts.value} in`);
  return row.held;
}

function slotSql(slot: FacebookIdSlot, value: string) {
  if (slot.column === "fbCampaignId") {
    return { isEmpty: isNull(campaignRecords.fbCampaignId), fill: { fbCampaignId: value }, held: sql<string | null>`${campaignRecords.fbCampaignId}` };
  }
  const col = campaignRecords[slot.column];
  return {
    isEmpty: sql`NOT (${col} ? ${slot.key}::text)`,
    // Merged into the map, so parallel steps filling other keys never lose each other's ids.
    fill: { [slot.column]: sql`${col} || jsonb_build_object(${slot.key}::text, ${value}::text)` },
    held: sql<string | null>`${col} ->> ${slot.key}::text`,
  };
}

export function storedId(map: FacebookIdMap | null | undefined, key: string): string | undefined {
  return map?.[key];
}
