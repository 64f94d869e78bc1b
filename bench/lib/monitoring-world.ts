import { campaignRecords } from "../../src/server/db/schema";
import type { Db } from "../../src/server/db/client";
import { lastAccountDays } from "../../src/server/performance/account-day";
import type { createGraphFake } from "../../tests/mocks/graph";
import type { World } from "../../tests/integration/campaigns/support";

type Fake = ReturnType<typeof createGraphFake>;

export interface MonitoringShape {
  accounts: number;
  campaignsPerAccount: number;
  adSets: number;
  adsPerAdSet: number;
}

/** Graph's wire shape for one object-day; numbers vary by object so rows differ. */
function insightsDay(day: string, n: number) {
  return {
    date_start: day, date_stop: day, spend: (4 + (n % 17)).toFixed(2), impressions: String(900 + (n % 400) * 7),
    reach: String(500 + (n % 300) * 3), clicks: String(8 + (n % 40)), ctr: "1.1", frequency: "1.6",
    actions: [{ action_type: "purchase", value: String(n % 4) }], action_values: [{ action_type: "purchase", value: String((n % 4) * 25) }],
  };
}

/**
 * `accounts × campaignsPerAccount` ACTIVE deployed campaigns of one organization, each with its
 * objects and three days of insights in the Graph fake. Returns the ad accounts and object count.
 */
export async function seedMonitoringWorld(db: Db, fake: Fake, w: World, shape: MonitoringShape) {
  const { since } = lastAccountDays(new Date(), "UTC");
  const days = [0, 1, 2].map((d) => new Date(Date.parse(`${since}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));
  const adAccountIds = Array.from({ length: shape.accounts }, (_, a) => `act_9${String(a).padStart(12, "0")}`);
  let serial = 0;
  let objects = 0;
  for (const adAccountId of adAccountIds) {
    const rows = [];
    for (let c = 0; c < shape.campaignsPerAccount; c++) {
      const base = `7${String(++serial).padStart(7, "0")}`;
      const campaignId = `${base}00`;
      const adSets: Record<string, string> = {};
      const ads: Record<string, string> = {};
      const add = (id: string, kind: string, body: Record<string, unknown>, parentId?: string) => {
        fake.objects.set(id, { id, kind, adAccountId, parentId, body });
        fake.setInsights(id, days.map((day) => insightsDay(day, objects)));
        objects++;
      };
      add(campaignId, "campaign", { status: "ACTIVE" });
      for (let s = 0; s < shape.adSets; s++) {
        const adSetId = `${base}1${s}`;
        adSets[`adset-${s}`] = adSetId;
        add(adSetId, "adset", { status: "ACTIVE", daily_budget: 1000 + s * 500 }, campaignId);
        for (let a = 0; a < shape.adsPerAdSet; a++) {
          const adId = `${base}2${s}${a}`;
          ads[`ad-${s}-${a}`] = adId;
          add(adId, "ad", { status: "ACTIVE", creative: { creative_id: `9${adId}` } }, adSetId);
        }
      }
      rows.push({
        organizationId: w.organizationId, projectId: w.projectId, version: serial, sourceKey: `bench:${serial}`,
        claimedByRunId: "bench", status: "ACTIVE" as const, connectionUserId: w.owner.userId, ownerUserId: w.owner.userId,
        adAccountId, currency: "USD", fbCampaignId: campaignId, fbAdSetIds: adSets, fbAdIds: ads, activatedAt: new Date(),
      });
    }
    await db.insert(campaignRecords).values(rows);
  }
  return { adAccountIds, objects };
}
