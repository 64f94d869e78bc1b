import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db/client";
import { createAdPlatform, GraphApiError, type AdPlatform } from "@/server/services/facebook";
import { createGraphFake } from "../../mocks/graph";
import { graphObjectsHandlers } from "../../mocks/graph-objects";

const SECRET = "app-secret-123";
const TOKEN = "EAAB-user-token-xyz";
const BASE = "http://graph.test";
const fake = createGraphFake({ baseUrl: BASE, appId: "42", appSecret: SECRET, tokens: [TOKEN] });
// The live-read and budget handlers answer first; the fake handles everything else.
const server = setupServer(...graphObjectsHandlers(fake, { baseUrl: BASE, appSecret: SECRET }), ...fake.handlers);
const ctx = { accessToken: TOKEN, adAccountId: "act_111" };
let graph: AdPlatform;

const catchError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GraphApiError);

async function tree() {
  const campaign = await graph.createCampaign(ctx, { name: "C", objective: "OUTCOME_SALES", status: "ACTIVE", specialAdCategories: [] });
  const adSet = await graph.createAdSet(ctx, {
    name: "S", campaignId: campaign.id, dailyBudgetCents: 2500, billingEvent: "IMPRESSIONS", optimizationGoal: "OFFSITE_CONVERSIONS",
    targeting: { geo_locations: { countries: ["US"] } }, status: "ACTIVE",
  });
  return { campaign, adSet };
}

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const env = parseEnv({ FACEBOOK_APP_ID: "42", FACEBOOK_APP_SECRET: SECRET, FACEBOOK_GRAPH_URL: BASE });
  graph = createAdPlatform({ env, db: {} as Db });
});
afterEach(() => fake.reset());
afterAll(() => server.close());

describe("Graph live reads and budget writes", () => {
  it("reads many objects' status and budget in one GET ?ids= request", async () => {
    const { campaign, adSet } = await tree();
    const before = fake.requests.length;
    const live = await graph.readObjects(ctx, [campaign.id, adSet.id]);
    expect(live).toEqual([
      { id: campaign.id, status: "ACTIVE" },
      { id: adSet.id, status: "ACTIVE", dailyBudgetCents: 2500 },
    ]);
    const reads = fake.requests.slice(before);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.query.get("ids")).toBe(`${campaign.id},${adSet.id}`);
    expect(reads[0]!.query.get("fields")).toBe("id,status,daily_budget");
    expect(reads[0]!.query.get("appsecret_proof")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("splits more than 50 ids into requests of 50", async () => {
    const { adSet } = await tree();
    const ids = Array.from({ length: 51 }, () => adSet.id);
    const before = fake.requests.length;
    expect(await graph.readObjects(ctx, ids)).toHaveLength(51);
    expect(fake.requests.slice(before).map((r) => r.query.get("ids")!.split(",").length)).toEqual([50, 1]);
  });

  it("fails the read when an id is unknown (Graph's 100/33), as a permanent error", async () => {
    const { campaign } = await tree();
    const error = await catchError(graph.readObjects(ctx, [campaign.id, "120999"]));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error!.details).toMatchObject({ code: 100, subcode: 33 });
    expect(error!.kind).toBe("permanent");
  });

  it("posts the new daily budget in minor units and reads it back", async () => {
    const { adSet } = await tree();
    await graph.updateDailyBudget(ctx, adSet.id, 3750);
    const post = fake.requests.at(-1)!;
    expect(post).toMatchObject({ method: "POST", path: adSet.id, body: { daily_budget: 3750 } });
    expect(await graph.readObjects(ctx, [adSet.id])).toEqual([{ id: adSet.id, status: "ACTIVE", dailyBudgetCents: 3750 }]);
  });

  it("surfaces Graph's refusal of a budget below the minimum and leaves the budget as it was", async () => {
    const { adSet } = await tree();
    const error = await catchError(graph.updateDailyBudget(ctx, adSet.id, 50));
    expect(error?.details).toMatchObject({ code: 100, subcode: 1885272 });
    expect(await graph.readObjects(ctx, [adSet.id])).toEqual([{ id: adSet.id, status: "ACTIVE", dailyBudgetCents: 2500 }]);
  });

  it("sends a rejected token's 190 as an auth error", async () => {
    const { adSet } = await tree();
    const error = await catchError(graph.readObjects({ ...ctx, accessToken: "EAAB-stolen" }, [adSet.id]));
    expect(error?.kind).toBe("auth");
  });
});
