import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, creativeAdLineage, creativeHooks, creativeVersions, performanceSnapshots } from "@/server/db/schema";

export interface HookPerformance {
  versionId: string;
  version: number;
  hookNumber: number;
  headline: string;
  ads: number;
  impressions: number;
  clicks: number;
  results: number;
  spendCents: number;
  currency: string | null;
  /** Percent; null before any impression. */
  ctr: number | null;
  /** Hundredths of the currency; null before any result. */
  costPerResultCents: number | null;
}

/**
 * How the ads made from each hook of a session performed, from the monitoring snapshots of those ads
 * (found through the campaign's Facebook ad ids by the plan's ad key). A hook whose ads have not run
 * yet shows its ads with zero delivery, so "more like hook 3" can be said from facts.
 */
export async function hookPerformance(db: Db, o: { organizationId: string; sessionId: string }): Promise<HookPerformance[]> {
  const fbAdId = sql`${campaignRecords.fbAdIds} ->> ${creativeAdLineage.adKey}`;
  const rows = await db
    .select({
      versionId: creativeHooks.versionId,
      version: creativeVersions.version,
      hookNumber: creativeHooks.number,
      headline: creativeHooks.headline,
      ads: sql<number>`count(distinct ${creativeAdLineage.id})::int`,
      impressions: sql<number>`coalesce(sum(${performanceSnapshots.impressions}), 0)::int`,
      clicks: sql<number>`coalesce(sum(${performanceSnapshots.clicks}), 0)::int`,
      results: sql<number>`coalesce(sum(${performanceSnapshots.conversions}), 0)::int`,
      spendCents: sql<number>`coalesce(sum(${performanceSnapshots.spendCents}), 0)::int`,
      currency: sql<string | null>`min(${campaignRecords.currency})`,
    })
    .from(creativeAdLineage)
    .innerJoin(creativeHooks, eq(creativeHooks.id, creativeAdLineage.hookId))
    .innerJoin(creativeVersions, eq(creativeVersions.id, creativeHooks.versionId))
    .innerJoin(campaignRecords, eq(campaignRecords.id, creativeAdLineage.campaignId))
    .leftJoin(
      performanceSnapshots,
      and(eq(performanceSnapshots.objectType, "ad"), eq(performanceSnapshots.objectId, fbAdId), eq(performanceSnapshots.campaignId, campaignRecords.id)),
    )
    .where(and(eq(creativeAdLineage.organizationId, o.organizationId), eq(creativeAdLineage.sessionId, o.sessionId)))
    .groupBy(creativeHooks.versionId, creativeVersions.version, creativeHooks.number, creativeHooks.headline)
    .orderBy(creativeVersions.version, creativeHooks.number);
  return rows.map((r) => ({
    ...r,
    ctr: r.impressions > 0 ? Math.round((r.clicks / r.impressions) * 10_000) / 100 : null,
    costPerResultCents: r.results > 0 ? Math.round(r.spendCents / r.results) : null,
  }));
}
