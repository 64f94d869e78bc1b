import type { Db } from "@/server/db";
import { performanceSnapshots } from "@/server/db/schema";
import type { ReportDay } from "@/server/reports/figures";
import { AD_ACCOUNT } from "../campaigns/support";

/** Stores `days` as the campaign-level rows of campaign `fbCampaignId` (with an ad row each day that a report must ignore). */
export async function seedCampaignDays(db: Db, c: { organizationId: string; campaignId: string; fbCampaignId?: string; adAccountId?: string }, days: ReportDay[]) {
  const base = { organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: c.adAccountId ?? AD_ACCOUNT };
  await db.insert(performanceSnapshots).values(
    days.flatMap((d) => [
      { ...base, objectType: "campaign" as const, objectId: c.fbCampaignId ?? "cmp-1", date: d.date, spendCents: d.spendCents, reach: d.reach, conversions: d.conversions, conversionValueCents: d.conversionValueCents },
      { ...base, objectType: "ad" as const, objectId: `${c.fbCampaignId ?? "cmp-1"}-ad`, parentObjectId: "adset", date: d.date, spendCents: 99_999, reach: 99_999, conversions: 99 },
    ]),
  );
}
