import { and, desc, eq, gt, inArray, isNotNull, min } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, performanceSnapshots } from "@/server/db/schema";
import type { CampaignRecord } from "@/server/campaigns/records";

/**
 * The project's newest deployed campaign that is on (or paused): the one the owner means by "my
 * campaign" (a replaced, paused version is older, so never picked). Scoped by the viewer's organization.
 */
export async function findLiveCampaign(db: Db, opts: { organizationId: string; projectId: string }): Promise<CampaignRecord | null> {
  const [row] = await db
    .select()
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.organizationId, opts.organizationId),
        eq(campaignRecords.projectId, opts.projectId),
        inArray(campaignRecords.status, ["ACTIVE", "PAUSED"]),
        isNotNull(campaignRecords.fbCampaignId),
        isNotNull(campaignRecords.adAccountId),
      ),
    )
    .orderBy(desc(campaignRecords.version))
    .limit(1);
  return row ?? null;
}

/** The first account day the campaign object spent (weeks and reports count from it), or null. */
export async function firstSpendDay(db: Db, record: Pick<CampaignRecord, "id" | "fbCampaignId">): Promise<string | null> {
  if (!record.fbCampaignId) return null;
  const [row] = await db
    .select({ first: min(performanceSnapshots.date) })
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.campaignId, record.id),
        eq(performanceSnapshots.objectId, record.fbCampaignId),
        gt(performanceSnapshots.spendCents, 0),
      ),
    );
  return row?.first ?? null;
}
