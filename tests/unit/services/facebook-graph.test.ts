import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db/client";
import { classifyGraphError, createAdPlatform, GraphApiError, type AdPlatform } from "@/server/services/facebook";
import { createGraphFake, graphError, HTML_502 } from "../../mocks/graph";

const SECRET = "app-secret-123";
const TOKEN = "EAAB-user-token-xyz";
const fake = createGraphFake({ baseUrl: "http://graph.test", appId: "42", appSecret: SECRET, tokens: [TOKEN] });
const server = setupServer(...fake.handlers);
const ctx = { accessToken: TOKEN, adAccountId: "act_111" };
let graph: AdPlatform;

const catchError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GraphApiError);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const env = parseEnv({ FACEBOOK_APP_ID: "42", FACEBOOK_APP_SECRET: SECRET, FACEBOOK_GRAPH_URL: "http://graph.test" });
  // The Graph implementation never touches the database.
  graph = createAdPlatform({ env, db: {} as Db });
});
afterEach(() => fake.reset());
afterAll(() => server.close());

describe("Graph ad platform against a fake Graph API", () => {
  it("builds the v26.0 OAuth dialog URL", () => {
    const url = new URL(graph.oauthDialogUrl({ state: "s1", redirectUri: "http://app/cb", scopes: ["ads_management", "ads_read"] }));
    expect(url.origin + url.pathname).toBe("https://www.facebook.com/v26.0/dialog/oauth");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "42", redirect_uri: "http://app/cb", state: "s1", response_type: "code", scope: "ads_management,ads_read",
    });
  });

  it("exchanges a code, upgrades to a long-lived token and lists accounts and pages", async () => {
    const short = await graph.exchangeCode({ code: "c0de", redirectUri: "http://app/cb" });
    expect(short.accessToken).toBe("short-c0de");
    const long = await graph.extendToken(short.accessToken);
    expect(long.accessToken).toBe("long-short-c0de");
    expect(long.expiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(fake.requests[1]!.query.get("grant_type")).toBe("fb_exchange_token");
    expect(await graph.listAdAccounts(long.accessToken)).toEqual([
      { id: "act_111", name: "Main", currency: "USD", accountStatus: 1, timezoneName: "Europe/London" },
    ]);
    expect(await graph.listPages(long.accessToken)).toEqual([{ id: "222", name: "Shop page" }]);
  });

  it("creates the full campaign tree with Graph's field names and an appsecret_proof", async () => {
    const campaign = await graph.createCampaign(ctx, { name: "C", objective: "OUTCOME_LEADS", status: "PAUSED", specialAdCategories: [] });
    const adSet = await graph.createAdSet(ctx, {
      name: "S", campaignId: campaign.id, dailyBudgetCents: 2500, billingEvent: "IMPRESSIONS", optimizationGoal: "LEAD_GENERATION",
      targeting: { geo_locations: { countries: ["US"] } }, status: "PAUSED",
    });
    const { hash } = await graph.uploadImage(ctx, { name: "hero.jpg", bytes: Buffer.from("png-bytes") });
    const creative = await graph.createCreative(ctx, {
      name: "Cr", pageId: "222", imageHash: hash, link: "https://shop.example", headline: "H", primaryText: "P", callToAction: "LEARN_MORE",
    });
    const ad = await graph.createAd(ctx, { name: "A", adSetId: adSet.id, creativeId: creative.id, status: "PAUSED" });
    await graph.updateStatus(ctx, campaign.id, "ACTIVE");

    expect(fake.objects.get(campaign.id)!.body).toMatchObject({
      objective: "OUTCOME_LEADS", status: "ACTIVE", special_ad_categories: [], is_adset_budget_sharing_enabled: false,
    });
    expect(fake.objects.get(adSet.id)!.body).toMatchObject({
      campaign_id: campaign.id, daily_budget: 2500,
      targeting: { geo_locations: { countries: ["US"] }, targeting_automation: { advantage_audience: 0 } },
    });
    expect(fake.objects.get(creative.id)!.body).toMatchObject({
      object_story_spec: { page_id: "222", link_data: { image_hash: hash, name: "H", message: "P", call_to_action: { type: "LEARN_MORE" } } },
    });
    expect(fake.objects.get(ad.id)!.body).toMatchObject({ adset_id: adSet.id, creative: { creative_id: creative.id } });
    const image = fake.requests.find((r) => r.path.endsWith("adimages"))!;
    expect(image.body!.bytes).toBe(Buffer.from("png-bytes").toString("base64"));
    // Every call proves the app secret; the token itself never rides in the URL.
    for (const r of fake.requests) {
      expect(r.query.get("appsecret_proof")).toMatch(/^[0-9a-f]{64}$/);
      expect(r.query.get("access_token")).toBeNull();
    }
  });

  it("maps insights strings to numbers and spend to cents", async () => {
    const { id } = await graph.createCampaign(ctx, { name: "C", objective: "OUTCOME_LEADS", status: "PAUSED", specialAdCategories: [] });
    const rows = await graph.getInsights(ctx, id, { since: "2026-11-01", until: "2026-11-01" });
    expect(rows).toEqual([
      { dateStart: "2026-11-01", dateStop: "2026-11-01", spendCents: 1234, impressions: 2000, reach: 1500, clicks: 30, ctr: 1.5, conversions: 3 },
    ]);
    expect(JSON.parse(fake.requests.at(-1)!.query.get("time_range")!)).toEqual({ since: "2026-11-01", until: "2026-11-01" });
  });

  it("parses a code-17 throttle in a 400 body with the wait from X-Business-Use-Case-Usage", async () => {
    fake.failNext({
      status: 400,
      body: graphError(17, "User request limit reached", { error_subcode: 2446079, is_transient: true }),
      headers: {
        "x-business-use-case-usage": JSON.stringify({ "111": [{ type: "ads_management", call_count: 100, estimated_time_to_regain_access: 5 }] }),
      },
    });
    const error = await catchError(graph.createCampaign(ctx, { name: "C", objective: "OUTCOME_LEADS", status: "PAUSED", specialAdCategories: [] }));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error!.details).toMatchObject({ httpStatus: 400, code: 17, subcode: 2446079, isTransient: true, fbtraceId: "AbCdEfFake", retryAfterMs: 300_000 });
    expect(classifyGraphError(error!.details)).toBe("rate-limit");
    expect(fake.objects.size).toBe(0);
  });

  it("classifies an invalid token (190) as auth and keeps the token out of the message", async () => {
    const error = await catchError(graph.listAdAccounts("EAAB-not-a-known-token"));
    expect(error!.details.code).toBe(190);
    expect(classifyGraphError(error!.details)).toBe("auth");
    expect(error!.message).not.toContain("EAAB-not-a-known-token");
    expect(JSON.stringify(error)).not.toContain("EAAB-not-a-known-token");
  });

  it("treats a 500 with Graph's error body as transient", async () => {
    fake.failNext({ status: 500, body: graphError(2, "An unexpected error has occurred. Please retry your request later.", { is_transient: true }) });
    const error = await catchError(graph.listPages(TOKEN));
    expect(error!.details).toMatchObject({ httpStatus: 500, code: 2, isTransient: true });
    expect(classifyGraphError(error!.details)).toBe("transient");
  });

  it("turns an unreadable 502 body into a transient GraphApiError", async () => {
    fake.failNext({ status: 502, body: "<html>Bad gateway</html>" });
    const error = await catchError(graph.listPages(TOKEN));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error!.details).toMatchObject({ httpStatus: 502, isTransient: true });
  });

  it("refuses a 200 whose body is not what Graph sends, without retrying a create", async () => {
    fake.failNext({ status: 200, body: "{ not json" });
    const error = await catchError(graph.createCampaign(ctx, { name: "C", objective: "OUTCOME_LEADS", status: "PAUSED", specialAdCategories: [] }));
    expect(error!.details).toMatchObject({ httpStatus: 200, isTransient: false });
    expect(classifyGraphError(error!.details)).toBe("permanent");
    expect(error!.message).toContain("act_111/campaigns");
  });

  it("does not leak the client secret when the network fails during the code exchange", async () => {
    const failing = createAdPlatform({
      env: parseEnv({ FACEBOOK_APP_ID: "42", FACEBOOK_APP_SECRET: SECRET, FACEBOOK_GRAPH_URL: "http://graph.test" }),
      db: {} as Db,
      fetch: () => Promise.reject(new TypeError(`fetch failed for http://graph.test/?client_secret=${SECRET}`)),
    });
    const error = await catchError(failing.exchangeCode({ code: "x", redirectUri: "http://app/cb" }));
    expect(error!.details).toMatchObject({ httpStatus: 0, isTransient: true });
    expect(error!.message).not.toContain(SECRET);
  });

  it("finds our objects by marker: Graph filters campaigns by name CONTAIN, creatives are listed and matched", async () => {
    const marker = "[agcy:0123456789ab:campaign]";
    const campaignInput = { objective: "OUTCOME_LEADS", status: "PAUSED" as const, specialAdCategories: [] };
    // The answer is lost after Graph applied the create: the object exists, its id never reached us.
    fake.failNext({ match: (r) => r.method === "POST", phase: "after-write", dropConnection: true });
    const lost = await catchError(graph.createCampaign(ctx, { ...campaignInput, name: `Spring ${marker}` }));
    expect(lost!.details).toMatchObject({ httpStatus: 0, isTransient: true });
    await graph.createCampaign(ctx, { ...campaignInput, name: "Spring [agcy:0123456789ab:campaign-2]" });

    const found = await graph.findMarkedObjects(ctx, { kind: "campaign", marker });
    expect(found).toEqual([{ id: expect.any(String), name: `Spring ${marker}`, status: "PAUSED" }]);
    const list = fake.requests.at(-1)!;
    expect(list.method).toBe("GET");
    expect(JSON.parse(list.query.get("filtering")!)).toEqual([{ field: "name", operator: "CONTAIN", value: marker }]);

    await graph.updateStatus(ctx, found[0]!.id, "DELETED");
    expect(await graph.findMarkedObjects(ctx, { kind: "campaign", marker })).toEqual([]);
    expect(await graph.findMarkedObjects(ctx, { kind: "creative", marker })).toEqual([]);
    expect(fake.requests.at(-1)!.query.get("filtering")).toBeNull();
  });

  it("a 502 HTML page after the write leaves one object, which the lookup then finds", async () => {
    const marker = "[agcy:0123456789ab:image-0-0]";
    fake.failNext({ match: (r) => r.path.endsWith("adimages"), phase: "after-write", status: 502, body: HTML_502 });
    const lost = await catchError(graph.uploadImage(ctx, { name: `ad-0-0 ${marker}.png`, bytes: Buffer.from("px") }));
    expect(lost!.details).toMatchObject({ httpStatus: 502, isTransient: true });
    const [image] = await graph.findMarkedObjects(ctx, { kind: "image", marker });
    expect(image).toMatchObject({ id: (await graph.uploadImage(ctx, { name: "again.png", bytes: Buffer.from("px") })).hash });
  });
});
