import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords } from "@/server/db/schema";
import type { PerformanceLevel } from "@/server/services/facebook/types";

/** One Facebook object to pull, with what its snapshot rows need beyond Graph's answer. */
export interface PlannedObject {
  objectId: string;
  level: PerformanceLevel;
  campaignId: string;
  parentObjectId: string | null;
}

export interface LiveCampaign {
  campaignId: string;
  projectId: string;
  currency: string;
  /** Whose token pulls it: the connection that deployed it. */
  connectionUserId: string;
  activatedAt: Date | null;
  objects: PlannedObject[];
}

/** (organization, ad account) pairs with at least one ACTIVE deployed campaign: one sweep event each. */
export async function listAccountsWithActiveCampaigns(db: Db): Promise<{ organizationId: string; adAccountId: string }[]> {
  const rows = await db
    .selectDistinct({ organizationId: campaignRecords.organizationId, adAccountId: campaignRecords.adAccountId })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.status, "ACTIVE"), isNotNull(campaignRecords.adAccountId), isNotNull(campaignRecords.fbCampaignId)))
    .orderBy(campaignRecords.organizationId, campaignRecords.adAccountId);
  return rows.map((r) => ({ organizationId: r.organizationId, adAccountId: r.adAccountId! }));
}

/**
 * The campaign, its ad sets and its ads, from the ids deploy stored (`adset-i`, `ad-i-j`), so the
 * pull needs no Graph listing call; an ad's parent is the ad set with the same index.
 */
export function objectsOf(record: {
  id: string;
  fbCampaignId: string;
  fbAdSetIds: Record<string, string>;
  fbAdIds: Record<string, string>;
}): PlannedObject[] {
  const campaign: PlannedObject = { objectId: record.fbCampaignId, level: "campaign", campaignId: record.id, parentObjectId: null };
  const adSets = Object.entries(record.fbAdSetIds)
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([, objectId]): PlannedObject => ({ objectId, level: "adset", campaignId: record.id, parentObjectId: record.fbCampaignId }));
  const ads = Object.entries(record.fbAdIds)
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([key, objectId]): PlannedObject => {
      const adSetIndex = /^ad-(\d+)-\d+$/.exec(key)?.[1];
      const parent = adSetIndex !== undefined ? record.fbAdSetIds[`adset-${adSetIndex}`] : undefined;
      return { objectId, level: "ad", campaignId: record.id, parentObjectId: parent ?? null };
    });
  return [campaign, ...adSets, ...ads];
}

/**
 * The account's deployed campaigns to pull: every ACTIVE one in a sweep; with `campaignIds` (an
 * owner's refresh) those campaigns when ACTIVE or PAUSED, since a paused one still has recent days.
 */
export async function listLiveCampaigns(
  db: Db,
  opts: { organizationId: string; adAccountId: string; campaignIds?: string[] },
): Promise<LiveCampaign[]> {
  const statuses = opts.campaignIds ? (["ACTIVE", "PAUSED"] as const) : (["ACTIVE"] as const);
  const rows = await db
    .select()
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.organizationId, opts.organizationId),
        eq(campaignRecords.adAccountId, opts.adAccountId),
        inArray(campaignRecords.status, [...statuses]),
        isNotNull(campaignRecords.fbCampaignId),
        isNotNull(campaignRecords.connectionUserId),
        opts.campaignIds ? inArray(campaignRecords.id, opts.campaignIds.length ? opts.campaignIds : [""]) : undefined,
      ),
    )
    .orderBy(campaignRecords.id);
  return rows.map((r) => ({
    campaignId: r.id,
    projectId: r.projectId,
    currency: r.currency,
    connectionUserId: r.connectionUserId!,
    activatedAt: r.activatedAt,
    objects: objectsOf({ id: r.id, fbCampaignId: r.fbCampaignId!, fbAdSetIds: r.fbAdSetIds, fbAdIds: r.fbAdIds }),
  }));
}
