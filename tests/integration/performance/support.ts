import { asc } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, performanceSnapshots } from "@/server/db/schema";
import { lastAccountDays } from "@/server/performance/account-day";
import { createGraphAdPlatform } from "@/server/services/facebook";
import { createGraphFake } from "../../mocks/graph";
import { AD_ACCOUNT, type World } from "../campaigns/support";

export const GRAPH_SECRET = "perf-app-secret";
// The token `connect()` in campaigns/support stores for the owner.
export const GRAPH_TOKEN = "EAAB-test-token";

/** The real Graph client against the msw Graph fake (register `fake.handlers` with an msw server). */
export function graphWorld() {
  const fake = createGraphFake({ baseUrl: "http://graph.test", appId: "42", appSecret: GRAPH_SECRET, tokens: [GRAPH_TOKEN] });
  const platform = createGraphAdPlatform({ appId: "42", appSecret: GRAPH_SECRET, graphUrl: "http://graph.test" });
  return { fake, platform };
}

type Fake = ReturnType<typeof createGraphFake>;

/**
 * An ACTIVE deployed campaign (2 ad sets × 2 ads) in `adAccountId`, its objects in the Graph fake
 * with insights on each of the last three UTC days (the account has no zone listed, so UTC).
 */
export async function seedLiveCampaign(db: Db, fake: Fake, w: World, opts: { prefix: string; adAccountId?: string; status?: "ACTIVE" | "PAUSED" }) {
  const adAccountId = opts.adAccountId ?? AD_ACCOUNT;
  const p = opts.prefix;
  const ids = { campaign: `${p}0`, adSets: [`${p}10`, `${p}11`], ads: [`${p}200`, `${p}201`, `${p}210`, `${p}211`] };
  const [record] = await db
    .insert(campaignRecords)
    .values({
      organizationId: w.organizationId,
      projectId: w.projectId,
      version: Number(p.replace(/\D/g, "")) || 1,
      sourceKey: `test:${p}:${crypto.randomUUID()}`,
      claimedByRunId: "seed",
      status: opts.status ?? "ACTIVE",
      connectionUserId: w.owner.userId,
      ownerUserId: w.owner.userId,
      adAccountId,
      currency: "USD",
      fbCampaignId: ids.campaign,
      fbAdSetIds: { "adset-0": ids.adSets[0]!, "adset-1": ids.adSets[1]! },
      fbAdIds: { "ad-0-0": ids.ads[0]!, "ad-0-1": ids.ads[1]!, "ad-1-0": ids.ads[2]!, "ad-1-1": ids.ads[3]! },
      activatedAt: new Date(),
    })
    .returning();
  const add = (id: string, kind: string, body: Record<string, unknown>, parentId?: string) =>
    fake.objects.set(id, { id, kind, adAccountId, parentId, body });
  add(ids.campaign, "campaign", { status: "ACTIVE" });
  ids.adSets.forEach((id, i) => add(id, "adset", { status: "ACTIVE", daily_budget: 1000 + i * 500 }, ids.campaign));
  ids.ads.forEach((id, i) => add(id, "ad", { status: "ACTIVE", creative: { creative_id: `cr${id}` } }, ids.adSets[i >> 1]));
  const { since } = lastAccountDays(new Date(), "UTC");
  const days = [0, 1, 2].map((d) => new Date(Date.parse(`${since}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));
  for (const [n, id] of [ids.campaign, ...ids.adSets, ...ids.ads].entries()) {
    fake.setInsights(
      id,
      days.map((day, d) => ({
        date_start: day, date_stop: day, spend: (5 + n + d).toFixed(2), impressions: String(1000 * (n + 1)), reach: String(400 * (n + 1)),
        clicks: String(10 + n), ctr: "1.1", frequency: "2.5", actions: [{ action_type: "lead", value: String(n % 3) }],
        action_values: [{ action_type: "lead", value: String(n * 7) }],
      })),
    );
  }
  return { campaignId: record!.id, ids, objects: [ids.campaign, ...ids.adSets, ...ids.ads], days };
}

/** Every snapshot row without the columns a rewrite legitimately changes (ids, timestamps). */
export async function snapshotRows(db: Db) {
  const rows = await db.select().from(performanceSnapshots).orderBy(asc(performanceSnapshots.objectId), asc(performanceSnapshots.date));
  return rows.map(({ id: _id, pulledAt: _p, createdAt: _c, updatedAt: _u, ...rest }) => rest);
}
