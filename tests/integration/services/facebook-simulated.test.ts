import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import {
  addSimulatedFault,
  classifyGraphError,
  createSimulatedAdPlatform,
  GraphApiError,
  listSimulatedObjects,
  SIMULATED_AD_ACCOUNTS,
  type AdAccountContext,
  type AdPlatform,
} from "@/server/services/facebook";
import { createTestDb } from "../../support/db";

let handle: DbHandle;
let sim: AdPlatform;
let ctx: AdAccountContext;
const clock = { now: new Date("2026-11-20T12:00:00Z") };
const campaignInput = { name: "C", objective: "OUTCOME_LEADS", status: "PAUSED" as const, specialAdCategories: [] };

async function buildTree(c: AdAccountContext, budgetCents = 3000, ads = 2) {
  const campaign = await sim.createCampaign(c, campaignInput);
  const adSet = await sim.createAdSet(c, {
    name: "S", campaignId: campaign.id, dailyBudgetCents: budgetCents, billingEvent: "IMPRESSIONS",
    optimizationGoal: "LEAD_GENERATION", targeting: { geo_locations: { countries: ["DE"] } }, status: "ACTIVE",
  });
  const { hash } = await sim.uploadImage(c, { name: "a.png", bytes: Buffer.from("pixels") });
  const creative = await sim.createCreative(c, {
    name: "Cr", pageId: "1", imageHash: hash, link: "https://x.example", headline: "H", primaryText: "P", callToAction: "SIGN_UP",
  });
  const adIds: string[] = [];
  for (let i = 0; i < ads; i++) adIds.push((await sim.createAd(c, { name: `A${i}`, adSetId: adSet.id, creativeId: creative.id, status: "ACTIVE" })).id);
  return { campaign, adSet, creative, adIds };
}

beforeAll(async () => {
  handle = await createTestDb();
  sim = createSimulatedAdPlatform({ db: handle.db, now: () => clock.now });
  const redirect = new URL(sim.oauthDialogUrl({ state: "st-1", redirectUri: "http://localhost:3000/api/auth/facebook/callback", scopes: [] }));
  const short = await sim.exchangeCode({ code: redirect.searchParams.get("code")!, redirectUri: redirect.origin });
  const long = await sim.extendToken(short.accessToken);
  const [account] = await sim.listAdAccounts(long.accessToken);
  ctx = { accessToken: long.accessToken, adAccountId: account!.id };
});
afterAll(() => handle.close());

describe("simulated ad account", () => {
  it("runs the OAuth flow straight back to the redirect URI with a simulated token and two accounts", async () => {
    const url = new URL(sim.oauthDialogUrl({ state: "abc", redirectUri: "http://localhost:3000/cb", scopes: ["ads_read"] }));
    expect(url.origin + url.pathname).toBe("http://localhost:3000/cb");
    expect(url.searchParams.get("state")).toBe("abc");
    const accounts = await sim.listAdAccounts(ctx.accessToken);
    expect(accounts).toEqual(SIMULATED_AD_ACCOUNTS);
    expect(accounts.every((a) => /^act_\d+$/.test(a.id) && /simulated/i.test(a.name))).toBe(true);
    expect(await sim.listPages(ctx.accessToken)).toHaveLength(1);
    await expect(sim.listPages("EAAB-real-looking")).rejects.toMatchObject({ details: { code: 190 } });
  });

  it("stores created objects with Graph-shaped ids and payloads, and does not deduplicate", async () => {
    const c = { ...ctx, adAccountId: SIMULATED_AD_ACCOUNTS[1]!.id };
    const { campaign, adSet } = await buildTree(c);
    const again = await sim.createCampaign(c, campaignInput);
    expect(campaign.id).toMatch(/^\d{18}$/);
    expect(again.id).not.toBe(campaign.id);
    const objects = await listSimulatedObjects(handle.db, c.adAccountId);
    expect(objects.map((o) => o.kind)).toEqual(["campaign", "adset", "image", "creative", "ad", "ad", "campaign"]);
    const storedSet = objects.find((o) => o.id === adSet.id)!;
    expect(storedSet.fields).toMatchObject({ daily_budget: 3000, targeting: { targeting_automation: { advantage_audience: 0 } } });
  });

  it("rejects children of objects that do not exist, like Graph (code 100/33)", async () => {
    const error = await sim
      .createAd(ctx, { name: "A", adSetId: "120000000000000000", creativeId: "1", status: "PAUSED" })
      .then(() => undefined, (e: unknown) => e as GraphApiError);
    expect(error).toBeInstanceOf(GraphApiError);
    if (!error) return;
    expect(error.details).toMatchObject({ code: 100, subcode: 33 });
    expect(classifyGraphError(error.details)).toBe("permanent");
  });

  it("produces deterministic, plausible insights only while the whole chain is active", async () => {
    clock.now = new Date("2026-11-10T09:00:00Z");
    const { campaign, adSet, adIds } = await buildTree(ctx, 5000, 2);
    const range = { since: "2026-11-01", until: "2026-11-30" };
    expect(await sim.getInsights(ctx, campaign.id, range)).toEqual([]); // campaign still PAUSED
    await sim.updateStatus(ctx, campaign.id, "ACTIVE");
    clock.now = new Date("2026-11-16T09:00:00Z");

    const rows = await sim.getInsights(ctx, campaign.id, range);
    expect(rows.map((r) => r.dateStart)).toEqual(["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15", "2026-11-16"]);
    for (const r of rows) {
      expect(r.spendCents).toBeGreaterThan(0);
      expect(r.spendCents).toBeLessThanOrEqual(5000);
      // Today's row covers only the hours elapsed, too few impressions for a stable rate; the
      // second ad of the first ad set is deliberately weak (0.2%), which pulls the average down.
      if (r.dateStart < "2026-11-16") expect(r.ctr).toBeGreaterThanOrEqual(0.3);
      expect(r.ctr).toBeLessThanOrEqual(3);
      expect(r.reach).toBeLessThanOrEqual(r.impressions);
      expect(r.clicks).toBeLessThan(r.impressions);
      expect(r.conversions).toBeLessThanOrEqual(r.clicks);
    }
    expect(await sim.getInsights(ctx, campaign.id, range)).toEqual(rows);
    const [ad0, ad1] = await Promise.all(adIds.map((id) => sim.getInsights(ctx, id, range)));
    expect(ad0![0]!.spendCents + ad1![0]!.spendCents).toBe(rows[0]!.spendCents);
    expect(await sim.getInsights(ctx, adSet.id, range)).toEqual(rows);

    // A pause stops delivery from that account day on; the days before keep their numbers.
    await sim.updateStatus(ctx, adSet.id, "PAUSED");
    expect(await sim.getInsights(ctx, campaign.id, range)).toEqual(rows.slice(0, -1));
  });

  it("raises injected faults as Graph errors, consuming one per call, per account or for any", async () => {
    await addSimulatedFault(handle.db, {
      adAccountId: ctx.adAccountId, operation: "createCampaign", remaining: 2, code: 17, subcode: 2446079,
      message: "User request limit reached", isTransient: true, retryAfterMinutes: 3,
    });
    await addSimulatedFault(handle.db, { operation: "listAdAccounts", code: 190, subcode: 463, message: "Session has expired" });
    for (let i = 0; i < 2; i++) {
      const error = await sim.createCampaign(ctx, campaignInput).then(() => undefined, (e: unknown) => e as GraphApiError);
      expect(error).toBeInstanceOf(GraphApiError);
      if (!error) return;
      expect(error.details).toMatchObject({ code: 17, subcode: 2446079, isTransient: true, retryAfterMs: 180_000 });
      expect(classifyGraphError(error.details)).toBe("rate-limit");
    }
    await expect(sim.createCampaign(ctx, campaignInput)).resolves.toMatchObject({ id: expect.any(String) });
    // Another account is not affected by a fault aimed at this one.
    await expect(sim.createCampaign({ ...ctx, adAccountId: "act_999" }, campaignInput)).resolves.toBeTruthy();
    await expect(sim.listAdAccounts(ctx.accessToken)).rejects.toMatchObject({ details: { code: 190, subcode: 463 } });
    await expect(sim.listAdAccounts(ctx.accessToken)).resolves.toHaveLength(2);
  });

  it("a lose-response fault applies the write, then fails like a dropped connection; the object is found by its marker", async () => {
    const c = { ...ctx, adAccountId: "act_100000000000777" };
    await addSimulatedFault(handle.db, { adAccountId: c.adAccountId, operation: "createCampaign", effect: "lose-response" });
    const marker = "[agcy:0123456789ab:campaign]";
    const error = await sim.createCampaign(c, { ...campaignInput, name: `Spring ${marker}` }).then(() => undefined, (e: unknown) => e as GraphApiError);
    expect(error?.details).toMatchObject({ httpStatus: 0, isTransient: true });
    expect(classifyGraphError(error!.details)).toBe("transient");
    const written = await listSimulatedObjects(handle.db, c.adAccountId);
    expect(written).toEqual([expect.objectContaining({ kind: "campaign", name: `Spring ${marker}` })]);
    expect(await sim.findMarkedObjects(c, { kind: "campaign", marker })).toEqual([{ id: written[0]!.id, name: `Spring ${marker}`, status: "PAUSED" }]);
    // Literal match: another object's marker, a prefix of it, or a deleted copy is not ours to adopt.
    await sim.createCampaign(c, { ...campaignInput, name: "Other [agcy:0123456789ab:campaign-x]" });
    await sim.updateStatus(c, written[0]!.id, "DELETED");
    expect(await sim.findMarkedObjects(c, { kind: "campaign", marker })).toEqual([]);
  });

  it("refuses an error fault without code and message, naming the field", async () => {
    await expect(addSimulatedFault(handle.db, { operation: "createAd", message: "x" })).rejects.toThrow(/code/);
  });
});
