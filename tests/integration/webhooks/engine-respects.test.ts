import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { loadCampaignPerformance } from "@/server/performance/load-campaign";
import { recordAdReview } from "@/server/webhooks/ad-review";
import { recordOutsideStatus } from "@/server/webhooks/outside-status";
import { createTestDb } from "../../support/db";
import { build, NOW, POLICY, TODAY, type Spec } from "../../unit/optimization/fixtures";
import { decision, record } from "../optimization/support";
import { AD_ACCOUNT, disapproved, seedAdCampaign, statusChange, withIssues, type AdCampaign } from "./review-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const T = Math.floor(NOW.getTime() / 1000);

/**
 * The fixture's rows stored as a pull stores them. Its campaign and ad set ids ("cmp", "as1") get the
 * test's prefix: snapshot rows are unique per object and day across the database.
 */
async function seedNumbers(prefix: string, spec: Spec): Promise<AdCampaign> {
  const own = (id: string | null) => (id === "cmp" || id === "as1" ? `${prefix}-${id}` : id);
  const ads = spec.ads.map((a) => a.id) as [string, string, string];
  const c = await seedAdCampaign(handle.db, prefix, { fbCampaignId: own("cmp")!, ids: { campaign: own("cmp")!, adSet: own("as1")!, ads } });
  const input = build(spec);
  const rows = [...input.previous, ...input.snapshots].map((r) => ({ ...r, objectId: own(r.objectId)!, parentObjectId: own(r.parentObjectId) }));
  await handle.db.insert(performanceSnapshots).values(rows.map((r) => ({ ...r, organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT })));
  return c;
}

/** What the evaluate step decides from the stored rows and the marks, on the fixture's clock. */
async function decide(c: AdCampaign) {
  const perf = (await loadCampaignPerformance(handle.db, { organizationId: c.organizationId, campaignId: c.campaignId, date: TODAY }))!;
  const r = evaluatePerformance({ snapshots: perf.snapshots, previous: perf.previous, campaign: perf.campaign, policy: POLICY, history: [], now: NOW });
  return [...r.autonomous, ...r.approval].map((d) => `${d.rule}:${d.objectIds.join("+")}`);
}

const weak = { impressions: 5_000, clicks: 1, reach: 5_000, spendCents: 1_000 };
const good = { impressions: 10_000, clicks: 200, reach: 8_000, spendCents: 3_000 };

describe("the engine respects what Facebook's webhooks told us", () => {
  it("a disapproved weak ad is not proposed for a pause (it would be without the mark)", async () => {
    const spec: Spec = {
      adSets: [{ id: "as1", budgetCents: 5_000 }],
      ads: [{ id: "e1-weak", adSet: "as1", totals: weak }, { id: "e1-good", adSet: "as1", totals: good }, { id: "e1-other", adSet: "as1", totals: good }],
      days: 2,
    };
    const c = await seedNumbers("engine-disapproved", spec);
    expect(await decide(c)).toEqual(["low-ctr-ad:e1-weak"]);
    await recordAdReview(handle.db, disapproved("e1-weak", T - 3600));
    expect(await decide(c)).toEqual([]);
  });

  it("a disapproved or flagged sibling is not counted as the ad set's last delivering ad", async () => {
    const spec: Spec = {
      adSets: [{ id: "as1", budgetCents: 5_000 }],
      ads: [{ id: "e2-weak", adSet: "as1", totals: weak }, { id: "e2-good", adSet: "as1", totals: good }, { id: "e2-third", adSet: "as1", totals: good }],
      days: 2,
    };
    const c = await seedNumbers("engine-last", spec);
    await recordAdReview(handle.db, withIssues("e2-good", T - 3600));
    expect(await decide(c)).toEqual(["low-ctr-ad:e2-weak"]);
    await recordAdReview(handle.db, disapproved("e2-third", T - 3000));
    // Pausing the weak ad now would leave the ad set with nothing Facebook shows.
    expect(await decide(c)).toEqual([]);
  });

  it("never rotates in an ad a person paused, and proposes nothing inside a held ad set or campaign", async () => {
    const tired = { impressions: 5_000, reach: 1_000, clicks: 100, spendCents: 3_000 };
    const spec: Spec = {
      adSets: [{ id: "as1", budgetCents: 5_000 }],
      ads: [
        { id: "e3-tired", adSet: "as1", creativeId: "cr-1", totals: tired },
        { id: "e3-fresh", adSet: "as1", creativeId: "cr-2", status: "PAUSED", totals: { impressions: 0 } },
        { id: "e3-weak", adSet: "as1", totals: weak },
      ],
      days: 3,
    };
    const c = await seedNumbers("engine-held", spec);
    // Our own rotation paused the fresh ad a while ago: the agency may turn it on again.
    const earlier = await record(handle.db, c, decision({ rule: "creative-fatigue", kind: "ROTATE_CREATIVE", objectId: "e3-fresh", objectIds: ["e3-fresh"], before: { statuses: { "e3-fresh": "ACTIVE" } }, after: { statuses: { "e3-fresh": "PAUSED" } } }));
    await handle.db.update(optimizationActions).set({ status: "APPLIED", appliedAt: new Date("2026-10-20T10:00:00Z") }).where(eq(optimizationActions.id, earlier.id));
    expect((await decide(c)).sort()).toEqual(["creative-fatigue:e3-tired+e3-fresh", "low-ctr-ad:e3-weak"]);
    // Paused by our own rotation earlier, then a person turned it on and off again in Ads Manager.
    await recordOutsideStatus(handle.db, statusChange("e3-fresh", "PAUSED", T - 3600));
    expect(await decide(c)).toEqual(["low-ctr-ad:e3-weak"]);
    await recordOutsideStatus(handle.db, statusChange(c.ids.adSet, "PAUSED", T - 1800, "AD_SET"));
    expect(await decide(c)).toEqual([]);
    await recordOutsideStatus(handle.db, statusChange(c.ids.adSet, "ACTIVE", T - 900, "AD_SET"));
    expect(await decide(c)).toEqual(["low-ctr-ad:e3-weak"]);
    await recordOutsideStatus(handle.db, statusChange(c.ids.campaign, "PAUSED", T - 600, "CAMPAIGN"));
    expect(await decide(c)).toEqual([]);
  });
});
