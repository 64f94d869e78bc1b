import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import {
  addSimulatedFault,
  createSimulatedAdPlatform,
  GraphApiError,
  SIMULATED_AD_ACCOUNTS,
  SIMULATED_TOKEN_PREFIX,
  type AdAccountContext,
  type InsightsRow,
  type PerformanceQuery,
} from "@/server/services/facebook";
import { advanceSimulatedClocks } from "@/server/services/facebook/simulated-clock";
import type { SimulatedAdPlatform } from "@/server/services/facebook/simulated";
import { createTestDb } from "../../support/db";

/**
 * The simulated account's delivery model through the platform: what the agency does (pause, budget)
 * changes spend from that account day on, the numbers are deterministic, and a campaign shaped like
 * the offline plan gives the rules what the e2e expects after ten simulated days.
 */
let handle: DbHandle;
let sim: SimulatedAdPlatform;
// 17:00 UTC = 12:00 in New York, the USD template account's zone: half of the account day elapsed.
const clock = { now: new Date("2026-11-20T17:00:00Z") };
const USD = SIMULATED_AD_ACCOUNTS[0]!.id;
const token = `${SIMULATED_TOKEN_PREFIX}perf`;
let nextAccount = 500;
/** A fresh account per test, so one test's clock never moves another's. */
const freshAccount = (): AdAccountContext => ({ accessToken: token, adAccountId: `act_9000000000${nextAccount++}` });
const RANGE = { since: "2026-01-01", until: "2027-12-31" };

/** Campaign PAUSED, then ad sets and ads ACTIVE, then the campaign ACTIVE: the deploy's order. */
async function deploy(ctx: AdAccountContext, adSets = 3, budgetCents = 666) {
  const campaign = await sim.createCampaign(ctx, { name: "C", objective: "OUTCOME_SALES", status: "PAUSED", specialAdCategories: [] });
  const { hash } = await sim.uploadImage(ctx, { name: "a.png", bytes: Buffer.from(`img-${ctx.adAccountId}`) });
  const sets: { id: string; ads: string[] }[] = [];
  for (let s = 0; s < adSets; s++) {
    const adSet = await sim.createAdSet(ctx, {
      name: `S${s}`, campaignId: campaign.id, dailyBudgetCents: budgetCents, billingEvent: "IMPRESSIONS",
      optimizationGoal: "OFFSITE_CONVERSIONS", targeting: {}, status: "ACTIVE",
    });
    const ads: string[] = [];
    for (let a = 0; a < 2; a++) {
      const creative = await sim.createCreative(ctx, { name: `Cr${s}${a}`, pageId: "1", imageHash: hash, link: "https://x.example", headline: "H", primaryText: "P", callToAction: "SHOP_NOW" });
      ads.push((await sim.createAd(ctx, { name: `A${s}${a}`, adSetId: adSet.id, creativeId: creative.id, status: "ACTIVE" })).id);
    }
    sets.push({ id: adSet.id, ads });
  }
  await sim.updateStatus(ctx, campaign.id, "ACTIVE");
  return { campaignId: campaign.id, sets, totalBudget: adSets * budgetCents };
}

const sum = (rows: InsightsRow[], k: "spendCents" | "impressions" | "clicks" | "conversionValueCents" | "reach") => rows.reduce((n, r) => n + (r[k] ?? 0), 0);
const ctrOf = (rows: InsightsRow[]) => (sum(rows, "clicks") / sum(rows, "impressions")) * 100;

beforeAll(async () => {
  handle = await createTestDb();
  sim = createSimulatedAdPlatform({ db: handle.db, now: () => clock.now });
});
afterAll(() => handle.close());

describe("simulated delivery", () => {
  it("gives an offline-plan campaign a weak ad, a profitable campaign and full pacing after ten days", async () => {
    clock.now = new Date("2026-11-20T17:00:00Z");
    for (const adSets of [2, 3, 3, 2]) {
      const ctx = freshAccount();
      const c = await deploy(ctx, adSets, adSets === 3 ? 666 : 1000);
      await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 10);
      const campaign = await sim.getInsights(ctx, c.campaignId, RANGE);
      // Deployed on the 20th (account day), ten days later it is the 30th, today pro-rated.
      expect(campaign.map((r) => r.dateStart)).toHaveLength(11);
      expect(campaign.at(-1)!.dateStart).toBe("2026-11-30");
      const full = campaign.slice(0, -1);
      for (const day of full) {
        expect(day.spendCents / c.totalBudget).toBeGreaterThanOrEqual(0.92 - 0.01);
        expect(day.spendCents / c.totalBudget).toBeLessThanOrEqual(0.99);
      }
      const last3 = full.slice(-3);
      const roas = sum(last3, "conversionValueCents") / sum(last3, "spendCents");
      expect(roas).toBeGreaterThanOrEqual(3.3);
      expect(roas).toBeLessThanOrEqual(4.5);

      const [weak, ...others] = [c.sets[0]!.ads[1]!, c.sets[0]!.ads[0]!, ...c.sets.slice(1).flatMap((s) => s.ads)];
      const weakRows = await sim.getInsights(ctx, weak!, RANGE);
      expect(sum(weakRows, "impressions")).toBeGreaterThanOrEqual(1000);
      expect(ctrOf(weakRows)).toBeGreaterThanOrEqual(0.15);
      expect(ctrOf(weakRows)).toBeLessThanOrEqual(0.25);
      for (const ad of others) expect(ctrOf(await sim.getInsights(ctx, ad, RANGE))).toBeGreaterThan(0.5);
    }
  });

  it("is deterministic: the same objects at the same time give the same rows, from any instance", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 1000);
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 4);
    const first = await sim.getInsights(ctx, c.campaignId, RANGE);
    const other = createSimulatedAdPlatform({ db: handle.db, now: () => clock.now });
    expect(await other.getInsights(ctx, c.campaignId, RANGE)).toEqual(first);
    expect(await sim.getInsights(ctx, c.campaignId, RANGE)).toEqual(first);
    expect(first.length).toBe(5);
  });

  it("stops an ad's spend from the account day it is paused, keeps its earlier days, and gives its budget to its sibling", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 1000);
    const [keep, pause] = c.sets[1]!.ads as [string, string];
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 5);
    const before = await sim.getInsights(ctx, pause, RANGE);
    const siblingBefore = await sim.getInsights(ctx, keep, RANGE);
    await sim.updateStatus(ctx, pause, "PAUSED");
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 3);

    const after = await sim.getInsights(ctx, pause, RANGE);
    expect(after).toEqual(before.slice(0, -1)); // the pause day (today then) and after: nothing
    expect(after.at(-1)!.dateStart).toBe("2026-11-24");
    const sibling = await sim.getInsights(ctx, keep, RANGE);
    expect(sibling.slice(0, 5)).toEqual(siblingBefore.slice(0, 5));
    // Alone in its ad set from the 25th, it spends (nearly) the whole ad set budget.
    for (const day of sibling.filter((r) => r.dateStart >= "2026-11-25" && r.dateStart < "2026-11-28")) {
      expect(day.spendCents).toBeGreaterThanOrEqual(920);
    }
    const [ad] = await sim.getPerformanceBatch(ctx, [{ objectId: pause, level: "ad" }], RANGE);
    expect(ad).toMatchObject({ ok: true, value: { status: "PAUSED", days: after } });
  });

  it("changes spend from the day the budget changes, not before", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 1000);
    const adSet = c.sets[0]!.id;
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 3);
    const before = await sim.getInsights(ctx, adSet, RANGE);
    await sim.updateDailyBudget(ctx, adSet, 2000);
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 3);
    const after = await sim.getInsights(ctx, adSet, RANGE);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    for (const day of after.slice(3, 6)) {
      expect(day.spendCents).toBeGreaterThanOrEqual(1840);
      expect(day.spendCents).toBeLessThanOrEqual(1980);
    }
    expect(await sim.readObjects(ctx, [adSet])).toEqual([{ id: adSet, status: "ACTIVE", dailyBudgetCents: 2000 }]);
  });

  it("raises frequency and lowers CTR as the ad ages", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 5000);
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 30);
    const rows = await sim.getInsights(ctx, c.sets[1]!.ads[0]!, RANGE);
    const early = rows.slice(0, 5);
    const late = rows.slice(-6, -1);
    expect(sum(late, "impressions") / sum(late, "reach")).toBeGreaterThan(sum(early, "impressions") / sum(early, "reach") + 1.5);
    expect(ctrOf(late)).toBeLessThan(ctrOf(early) * 0.85);
    for (const r of rows) expect(r.frequency).toBeCloseTo(r.impressions / r.reach, 2);
  });

  it("pro-rates today's row by the share of the account day elapsed, in the account's time zone", async () => {
    const ctx = { accessToken: token, adAccountId: USD }; // New York
    clock.now = new Date("2026-11-10T14:00:00Z"); // 09:00 in New York
    const c = await deploy(ctx, 2, 1000);
    clock.now = new Date("2026-11-12T17:00:00Z"); // 12:00: half of the 12th
    const midday = await sim.getInsights(ctx, c.campaignId, RANGE);
    expect(midday.at(-1)!.dateStart).toBe("2026-11-12");
    expect(midday.at(-1)!.spendCents).toBeGreaterThanOrEqual(0.46 * 2000 - 2);
    expect(midday.at(-1)!.spendCents).toBeLessThanOrEqual(0.495 * 2000);
    clock.now = new Date("2026-11-13T03:00:00Z"); // still the 12th in New York (22:00), past midnight in UTC
    const evening = await sim.getInsights(ctx, c.campaignId, RANGE);
    expect(evening.at(-1)!.dateStart).toBe("2026-11-12");
    expect(evening.at(-1)!.spendCents).toBeGreaterThan(midday.at(-1)!.spendCents);
    clock.now = new Date("2026-11-13T17:00:00Z");
    const next = await sim.getInsights(ctx, c.campaignId, RANGE);
    expect(next.find((r) => r.dateStart === "2026-11-12")!.spendCents).toBeGreaterThanOrEqual(0.92 * 2000 - 2);
    clock.now = new Date("2026-11-20T17:00:00Z");
  });
});

describe("getPerformanceBatch", () => {
  it("answers every object with its status, budget, creative and days in one call", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 1000);
    await advanceSimulatedClocks(handle.db, [ctx.adAccountId], 2);
    await sim.updateStatus(ctx, c.sets[1]!.id, "PAUSED");
    const queries: PerformanceQuery[] = [
      { objectId: c.campaignId, level: "campaign" },
      { objectId: c.sets[1]!.id, level: "adset" },
      { objectId: c.sets[1]!.ads[0]!, level: "ad" },
    ];
    const requestsBefore = sim.stats.requests;
    const results = await sim.getPerformanceBatch(ctx, queries, RANGE);
    expect(sim.stats.requests - requestsBefore).toBe(1);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const [campaign, adSet, ad] = results.map((r) => (r.ok ? r.value : undefined));
    expect(campaign).toMatchObject({ objectId: c.campaignId, level: "campaign", status: "ACTIVE", effectiveStatus: "ACTIVE" });
    expect(campaign!.days).toEqual(await sim.getInsights(ctx, c.campaignId, RANGE));
    expect(campaign!.days[0]).toMatchObject({ frequency: expect.any(Number), conversionValueCents: expect.any(Number) });
    expect(adSet).toMatchObject({ status: "PAUSED", effectiveStatus: "PAUSED", dailyBudgetCents: 1000 });
    expect(adSet!.days).toHaveLength(2); // paused on its third day
    expect(ad).toMatchObject({ status: "ACTIVE", effectiveStatus: "ADSET_PAUSED", creativeId: expect.stringMatching(/^\d+$/) });
    expect(ad!.raw).toMatchObject({ id: c.sets[1]!.ads[0], insights: { data: expect.any(Array) } });
  });

  it("fails one sub-request on a per-item fault, the whole call on a batch fault, and unknown objects alone", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 1000);
    const queries: PerformanceQuery[] = [
      { objectId: c.sets[0]!.id, level: "adset" },
      { objectId: "120999999999999999", level: "ad" },
      { objectId: c.sets[1]!.id, level: "adset" },
    ];
    await addSimulatedFault(handle.db, { adAccountId: ctx.adAccountId, operation: "getPerformanceBatch:item", code: 613, message: "Calls within one hour have exceeded the limit", isTransient: true });
    const partial = await sim.getPerformanceBatch(ctx, queries, RANGE);
    expect(partial.map((r) => r.ok)).toEqual([false, false, true]);
    const [throttled, unknown] = partial.map((r) => (r.ok ? undefined : r.error));
    expect(throttled?.kind).toBe("rate-limit");
    expect(unknown?.details).toMatchObject({ code: 100, subcode: 33 });
    // The fault is used up: a retry of that one object succeeds.
    expect((await sim.getPerformanceBatch(ctx, [queries[0]!], RANGE))[0]!.ok).toBe(true);

    await addSimulatedFault(handle.db, { adAccountId: ctx.adAccountId, operation: "getPerformanceBatch", httpStatus: 500, code: 2, message: "Service temporarily unavailable", isTransient: true });
    await expect(sim.getPerformanceBatch(ctx, queries, RANGE)).rejects.toMatchObject({ details: { code: 2 } });
    const tooMany = Array.from({ length: 51 }, () => queries[0]!);
    await expect(sim.getPerformanceBatch(ctx, tooMany, RANGE)).rejects.toBeInstanceOf(GraphApiError);
  });

  it("reads live objects and refuses unknown ids and budgets below the minimum, like Graph", async () => {
    const ctx = freshAccount();
    const c = await deploy(ctx, 2, 1000);
    expect(await sim.readObjects(ctx, [c.campaignId, c.sets[0]!.ads[0]!])).toEqual([
      { id: c.campaignId, status: "ACTIVE" },
      { id: c.sets[0]!.ads[0], status: "ACTIVE" },
    ]);
    await expect(sim.readObjects(ctx, [c.campaignId, "120999999999999999"])).rejects.toMatchObject({ details: { code: 100, subcode: 33 } });
    await expect(sim.updateDailyBudget(ctx, c.sets[0]!.id, 99)).rejects.toMatchObject({ details: { code: 100 } });
    await expect(sim.updateDailyBudget(ctx, c.sets[0]!.ads[0]!, 5000)).rejects.toMatchObject({ details: { subcode: 33 } });
    await expect(sim.updateDailyBudget({ ...ctx, adAccountId: "act_424242" }, c.sets[0]!.id, 5000)).rejects.toMatchObject({ details: { subcode: 33 } });
  });
});
