import type { Db } from "@/server/db";
import { creativeAdLineage } from "@/server/db/schema";
import { adKey, type CampaignPlan } from "@/server/campaigns/plan-schema";

/**
 * One lineage row per planned ad that came from the creative studio, keyed by the plan's own ad key
 * (the Facebook ad id is found later through the campaign's `fbAdIds`). Upserted, so a retried step
 * writes the same rows.
 */
export async function recordPlanLineage(db: Db, o: { organizationId: string; campaignId: string; plan: CampaignPlan }) {
  const rows = o.plan.adSets.flatMap((set, i) =>
    set.ads.flatMap((ad, j) =>
      ad.creative
        ? [{ organizationId: o.organizationId, campaignId: o.campaignId, adKey: adKey(i, j), sessionId: ad.creative.sessionId, versionId: ad.creative.versionId, hookId: ad.creative.hookId, imageArtifactId: ad.creative.imageArtifactId }]
        : [],
    ),
  );
  if (rows.length === 0) return { recorded: 0 };
  await db.insert(creativeAdLineage).values(rows).onConflictDoNothing({ target: [creativeAdLineage.campaignId, creativeAdLineage.adKey] });
  return { recorded: rows.length };
}
