import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookConnections } from "@/server/db/schema";
import type { LeadgenChange } from "./leads-value";

/** Whose lead it is. JSON-safe (it crosses a step boundary) and free of tokens and answers. */
export type LeadMatch =
  | {
      match: "MATCHED";
      by: "ad" | "page";
      organizationId: string;
      campaignId: string | null;
      /** Whose connection reads the lead from Graph (its token is decrypted only in the fetch step). */
      connectionUserId: string | null;
    }
  | { match: "UNMATCHED"; reason: string };

/** Campaign versions holding this Facebook ad id among their deployed ads, newest first. */
export async function campaignsHoldingAd(db: Db, adId: string, organizationId?: string) {
  return db
    .select({ id: campaignRecords.id, organizationId: campaignRecords.organizationId, connectionUserId: campaignRecords.connectionUserId })
    .from(campaignRecords)
    .where(
      and(
        sql`exists (select 1 from jsonb_each_text(${campaignRecords.fbAdIds}) as ad where ad.value = ${adId})`,
        organizationId ? eq(campaignRecords.organizationId, organizationId) : undefined,
      ),
    )
    .orderBy(desc(campaignRecords.createdAt));
}

/**
 * By the ad first (our deployed ads are ours alone), then by the page when exactly one organization
 * connected it. Anything else is UNMATCHED with the reason: a page connected in two organizations is
 * never guessed, since the wrong guess would hand one business's customers to another.
 */
export async function matchLeadgenChange(db: Db, change: LeadgenChange): Promise<LeadMatch> {
  if (change.adId) {
    const holders = await campaignsHoldingAd(db, change.adId);
    const organizations = new Set(holders.map((h) => h.organizationId));
    if (organizations.size > 1) return { match: "UNMATCHED", reason: "the ad is recorded in more than one organization" };
    const [newest] = holders;
    if (newest) return { match: "MATCHED", by: "ad", organizationId: newest.organizationId, campaignId: newest.id, connectionUserId: newest.connectionUserId };
  }
  const connections = await db
    .select({ organizationId: facebookConnections.organizationId, userId: facebookConnections.userId, status: facebookConnections.status })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.pageId, change.pageId), ne(facebookConnections.status, "REVOKED")))
    .orderBy(desc(facebookConnections.lastRefreshedAt));
  const organizations = new Set(connections.map((c) => c.organizationId));
  if (organizations.size === 0) return { match: "UNMATCHED", reason: change.adId ? "neither the ad nor the page belongs to an organization" : "the page belongs to no organization" };
  if (organizations.size > 1) return { match: "UNMATCHED", reason: "the page is connected in more than one organization" };
  const reader = connections.find((c) => c.status === "ACTIVE") ?? connections[0]!;
  return { match: "MATCHED", by: "page", organizationId: reader.organizationId, campaignId: null, connectionUserId: reader.userId };
}
