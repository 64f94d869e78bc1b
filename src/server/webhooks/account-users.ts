import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookConnections, memberships } from "@/server/db/schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Queryable = Db | Tx;

// Versions that can never run again: their projects are told through their newer versions, if any.
const FINISHED = ["SUPERSEDED", "EXPIRED", "CLEANED_UP", "GENERATION_FAILED"] as const;

/** Every organization that has a campaign or a Facebook connection on the account (act_<number>). */
export async function organizationsUsingAccount(db: Queryable, adAccountId: string): Promise<string[]> {
  const [fromCampaigns, fromConnections] = await Promise.all([
    db.selectDistinct({ id: campaignRecords.organizationId }).from(campaignRecords).where(eq(campaignRecords.adAccountId, adAccountId)),
    db.selectDistinct({ id: facebookConnections.organizationId }).from(facebookConnections).where(eq(facebookConnections.adAccountId, adAccountId)),
  ]);
  return [...new Set([...fromCampaigns, ...fromConnections].map((r) => r.id))].sort();
}

export interface AccountAudience {
  /** One campaign conversation per project with a campaign on the account that may still run. */
  conversations: { projectId: string; conversationId: string }[];
  /** Members to tell: the owners of those campaigns and whoever connected the account. */
  userIds: string[];
  /** The project a lone notification links to (the newest one), when there is one. */
  projectId: string | null;
}

/**
 * Who in one organization hears about the account's standing, and where. The campaign conversation is
 * where the owner already follows launches and changes; an organization that only connected the
 * account (no campaign yet) gets the notification and the email without a chat message.
 */
export async function accountAudience(db: Queryable, opts: { organizationId: string; adAccountId: string }): Promise<AccountAudience> {
  const campaigns = await db
    .select({ projectId: campaignRecords.projectId, conversationId: campaignRecords.conversationId, ownerUserId: campaignRecords.ownerUserId })
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.organizationId, opts.organizationId),
        eq(campaignRecords.adAccountId, opts.adAccountId),
        notInArray(campaignRecords.status, [...FINISHED]),
      ),
    )
    .orderBy(desc(campaignRecords.createdAt));
  const connections = await db
    .select({ userId: facebookConnections.userId, projectId: facebookConnections.projectId })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, opts.organizationId), eq(facebookConnections.adAccountId, opts.adAccountId)));

  const conversations = new Map<string, string>();
  for (const c of campaigns) if (c.conversationId && !conversations.has(c.projectId)) conversations.set(c.projectId, c.conversationId);
  const candidates = [...new Set([...campaigns.map((c) => c.ownerUserId), ...connections.map((c) => c.userId)].filter((u): u is string => !!u))];
  // Someone who left the organization must not hear about its accounts any more.
  const members = candidates.length
    ? await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.organizationId, opts.organizationId), inArray(memberships.userId, candidates)))
    : [];
  return {
    conversations: [...conversations].map(([projectId, conversationId]) => ({ projectId, conversationId })),
    userIds: members.map((m) => m.userId).sort(),
    projectId: campaigns[0]?.projectId ?? connections.find((c) => c.projectId)?.projectId ?? null,
  };
}
