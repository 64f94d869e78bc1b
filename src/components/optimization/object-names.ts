import { adKey, adSetKey, campaignPlanSchema } from "@/server/campaigns/plan-schema";

interface NamedRecord {
  structure: unknown;
  fbCampaignId: string | null;
  fbAdSetIds: Record<string, string> | null;
  fbAdIds: Record<string, string> | null;
}

/**
 * Facebook id → what the owner calls it (`the campaign`, `ad set "Busy parents"`, `ad "Fresh at 8am"`),
 * from the approved plan and the ids stored when it was deployed. Ids not ours are left out.
 */
export function objectNamesFor(record: NamedRecord): Record<string, string> {
  const names: Record<string, string> = {};
  if (record.fbCampaignId) names[record.fbCampaignId] = "the campaign";
  const plan = campaignPlanSchema.safeParse(record.structure);
  if (!plan.success) return names;
  plan.data.adSets.forEach((set, i) => {
    const setId = record.fbAdSetIds?.[adSetKey(i)];
    if (setId) names[setId] = `ad set "${set.name}"`;
    set.ads.forEach((ad, j) => {
      const adId = record.fbAdIds?.[adKey(i, j)];
      if (adId) names[adId] = `ad "${ad.headline}"`;
    });
  });
  return names;
}
