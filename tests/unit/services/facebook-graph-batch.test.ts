import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db/client";
import { appSecretProof, createAdPlatform, GraphApiError, type AdPlatform } from "@/server/services/facebook";
import { performanceRelativeUrl } from "@/server/services/facebook/graph-batch";
import { createGraphFake, graphError, SUB_FAILURES } from "../../mocks/graph";

const SECRET = "app-secret-123";
const TOKEN = "EAAB-user-token-xyz";
const fake = createGraphFake({ baseUrl: "http://graph.test", appId: "42", appSecret: SECRET, tokens: [TOKEN] });
const server = setupServer(...fake.handlers);
const ctx = { accessToken: TOKEN, adAccountId: "act_111" };
const range = { since: "2026-11-28", until: "2026-11-30" };
let graph: AdPlatform;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const env = parseEnv({ FACEBOOK_APP_ID: "42", FACEBOOK_APP_SECRET: SECRET, FACEBOOK_GRAPH_URL: "http://graph.test" });
  graph = createAdPlatform({ env, db: {} as Db });
});
afterEach(() => fake.reset());
afterAll(() => server.close());

function seedTree() {
  const add = (id: string, kind: string, body: Record<string, unknown>, parentId?: string) =>
    fake.objects.set(id, { id, kind, adAccountId: "act_111", parentId, body });
  add("c1", "campaign", { status: "ACTIVE" });
  add("s1", "adset", { status: "ACTIVE", daily_budget: 2500 }, "c1");
  add("a1", "ad", { status: "PAUSED", creative: { creative_id: "cr9" } }, "s1");
  fake.setInsights("s1", [
    {
      date_start: "2026-11-29", date_stop: "2026-11-29", spend: "12.34", impressions: "2000", reach: "1000", clicks: "30", ctr: "1.5",
      frequency: "2", actions: [{ action_type: "lead", value: "3" }], action_values: [{ action_type: "lead", value: "45.5" }],
    },
    // Outside the range: Graph would not send it, the fake filters it out.
    { date_start: "2026-11-01", date_stop: "2026-11-01", spend: "99" },
  ]);
}

describe("getPerformanceBatch against a fake Graph API", () => {
  it("asks for every object in one POST to the Graph root, token only in the Bearer header", async () => {
    seedTree();
    const results = await graph.getPerformanceBatch(
      ctx,
      [{ objectId: "c1", level: "campaign" }, { objectId: "s1", level: "adset" }, { objectId: "a1", level: "ad" }],
      range,
    );
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: "POST", path: "" });
    expect(req!.query.get("appsecret_proof")).toBe(appSecretProof(SECRET, TOKEN));
    expect(JSON.stringify([...req!.query.entries(), req!.body])).not.toContain(TOKEN);
    expect(fake.batches[0]!.objectIds).toEqual(["c1", "s1", "a1"]);
    expect(decodeURIComponent(fake.batches[0]!.relativeUrls[1]!)).toContain(
      'daily_budget,insights.time_range({"since":"2026-11-28","until":"2026-11-30"}).time_increment(1){',
    );

    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const [campaign, adSet, ad] = results.map((r) => (r.ok ? r.value : undefined));
    expect(campaign).toMatchObject({ objectId: "c1", level: "campaign", status: "ACTIVE", days: [] });
    expect(adSet).toMatchObject({ objectId: "s1", status: "ACTIVE", dailyBudgetCents: 2500 });
    expect(adSet!.days).toEqual([
      {
        dateStart: "2026-11-29", dateStop: "2026-11-29", spendCents: 1234, impressions: 2000, reach: 1000, clicks: 30, ctr: 1.5,
        conversions: 3, frequency: 2, conversionValueCents: 4550,
      },
    ]);
    expect(ad).toMatchObject({ objectId: "a1", status: "PAUSED", creativeId: "cr9" });
    expect(ad!.dailyBudgetCents).toBeUndefined();
  });

  it("returns each failed sub-request as a typed error beside the ones that succeeded", async () => {
    seedTree();
    fake.failSubRequest(SUB_FAILURES.appThrottle("c1"));
    fake.failSubRequest(SUB_FAILURES.serverError("s1"));
    fake.failSubRequest(SUB_FAILURES.timedOut("a1"));
    fake.objects.set("a2", { id: "a2", kind: "ad", adAccountId: "act_111", body: { status: "ACTIVE" } });
    const results = await graph.getPerformanceBatch(
      ctx,
      ["c1", "s1", "a1", "a2", "gone"].map((objectId) => ({ objectId, level: objectId.startsWith("a") ? "ad" as const : "campaign" as const })),
      range,
    );
    const summary = results.map((r) => (r.ok ? "ok" : `${r.error.kind}:${r.error.details.code}`));
    expect(summary).toEqual(["rate-limit:613", "transient:2", "transient:-1", "ok", "permanent:100"]);
    const throttled = results[0]!;
    // The wait Graph asked for in the sub-response's usage header (3 minutes).
    expect(!throttled.ok && throttled.error.details.retryAfterMs).toBe(180_000);
    expect(results[0]!.ok || results[0]!.error).toBeInstanceOf(GraphApiError);
  });

  it("reads a code-17 throttle's Retry-After from the sub-response headers", async () => {
    seedTree();
    fake.failSubRequest(SUB_FAILURES.userThrottle("s1"));
    const [result] = await graph.getPerformanceBatch(ctx, [{ objectId: "s1", level: "adset" }], range);
    expect(result!.ok).toBe(false);
    expect(!result!.ok && [result!.error.kind, result!.error.details.retryAfterMs]).toEqual(["rate-limit", 120_000]);
  });

  it("throws when the whole request fails, and refuses more than 50 sub-requests without calling Graph", async () => {
    fake.failNext({ status: 400, body: graphError(17, "User request limit reached"), headers: { "Retry-After": "30" } });
    const err = await graph.getPerformanceBatch(ctx, [{ objectId: "c1", level: "campaign" }], range).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect((err as GraphApiError).kind).toBe("rate-limit");
    const many = Array.from({ length: 51 }, (_, i) => ({ objectId: `o${i}`, level: "ad" as const }));
    await expect(graph.getPerformanceBatch(ctx, many, range)).rejects.toThrow(/at most 50/);
    expect(fake.requests).toHaveLength(1);
    expect(await graph.getPerformanceBatch(ctx, [], range)).toEqual([]);
  });

  it("encodes the object id and field list so Graph reads them as one relative URL", () => {
    const url = performanceRelativeUrl({ objectId: "123", level: "ad" }, range);
    expect(url.startsWith("123?fields=")).toBe(true);
    expect(url).not.toMatch(/[{}"]/);
    expect(new URLSearchParams(url.split("?")[1]).get("fields")).toMatch(/^id,status,effective_status,creative\{id\},insights\.time_range/);
  });
});
