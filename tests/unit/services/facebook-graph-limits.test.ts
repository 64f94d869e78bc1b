import { RetryAfterError } from "inngest";
import { delay, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DeployBlockedError, RECONNECT_FACEBOOK_MESSAGE, toStepError } from "@/server/campaigns/deploy/graph-errors";
import { createGraphAdPlatform, GraphApiError } from "@/server/services/facebook";
import { createGraphFake, graphError } from "../../mocks/graph";

/** The real Graph client against msw: how its errors become Inngest's retry decisions. */
const SECRET = "app-secret-123";
const TOKEN = "EAAB-user-token-xyz";
const fake = createGraphFake({ baseUrl: "http://graph.test", appId: "42", appSecret: SECRET, tokens: [TOKEN] });
const server = setupServer(...fake.handlers);
const ctx = { accessToken: TOKEN, adAccountId: "act_111" };
const graph = createGraphAdPlatform({ appId: "42", appSecret: SECRET, graphUrl: "http://graph.test", timeoutMs: 300 });
const campaign = { name: "C", objective: "OUTCOME_LEADS", status: "PAUSED" as const, specialAdCategories: [] };

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as GraphApiError);
/** RetryAfterError keeps the delay in whole seconds. */
const waitSeconds = (e: Error) => Number((e as RetryAfterError).retryAfter);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  fake.reset();
  server.resetHandlers();
});
afterAll(() => server.close());

describe("rate limits honour Graph's usage headers", () => {
  it("waits estimated_time_to_regain_access from X-Business-Use-Case-Usage (7 min), not a fixed 60 s", async () => {
    fake.failNext({
      status: 400,
      body: graphError(80004, "There have been too many calls to this ad-account.", { error_subcode: 2446079 }),
      headers: { "x-business-use-case-usage": JSON.stringify({ "111": [{ type: "ads_management", call_count: 100, estimated_time_to_regain_access: 7 }] }) },
    });
    const error = await failure(graph.createCampaign(ctx, campaign));
    expect(error.kind).toBe("rate-limit");
    const step = toStepError(error);
    expect(step).toBeInstanceOf(RetryAfterError);
    expect(waitSeconds(step)).toBe(420);
  });

  it("waits what Retry-After says on an HTTP 429", async () => {
    fake.failNext({ status: 429, body: graphError(4, "Application request limit reached"), headers: { "retry-after": "95" } });
    const step = toStepError(await failure(graph.createCampaign(ctx, campaign)));
    expect(waitSeconds(step)).toBe(95);
  });

  it("waits X-Ad-Account-Usage's reset_time_duration", async () => {
    fake.failNext({ status: 400, body: graphError(17, "User request limit reached"), headers: { "x-ad-account-usage": JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 240 }) } });
    expect(waitSeconds(toStepError(await failure(graph.listPages(TOKEN))))).toBe(240);
  });

  it("backs off for minutes when X-App-Usage is at 100% and no header names a time", async () => {
    fake.failNext({ status: 400, body: graphError(4, "Application request limit reached"), headers: { "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 40 }) } });
    expect(waitSeconds(toStepError(await failure(graph.listPages(TOKEN))))).toBe(300);
  });
});

describe("an expired token during a deploy", () => {
  it("is one typed auth error; the step says 'reconnect Facebook' in plain words, without the doubled prefix", async () => {
    fake.failNext({
      status: 400,
      body: graphError(190, "Error validating access token: Session has expired on Sunday, 29-Nov-26 10:00:00 PST.", { error_subcode: 463 }),
    });
    const error = await failure(graph.createAdSet(ctx, {
      name: "S", campaignId: "1", dailyBudgetCents: 100, billingEvent: "IMPRESSIONS", optimizationGoal: "LEAD_GENERATION", targeting: {}, status: "PAUSED",
    }));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error.kind).toBe("auth");
    expect(error.details).toMatchObject({ code: 190, subcode: 463 });
    const step = toStepError(error);
    expect(step).toBeInstanceOf(DeployBlockedError);
    expect(step.message).toBe(RECONNECT_FACEBOOK_MESSAGE);
    expect(step.message).not.toMatch(/Graph API error|Facebook error|190/);
    expect(JSON.stringify(step)).not.toContain(TOKEN);
  });
});

describe("request timeout", () => {
  it("gives up on a Graph call that never answers, as a transient (retryable) error", async () => {
    server.use(http.post("http://graph.test/v26.0/act_111/campaigns", async () => {
      await delay("infinite");
      return new Response(null);
    }));
    const started = Date.now();
    const error = await failure(graph.createCampaign(ctx, campaign));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error.message).toBe("Graph API request to /act_111/campaigns timed out after 300 ms");
    expect(error.kind).toBe("transient");
    const step = toStepError(error);
    expect(step).not.toBeInstanceOf(DeployBlockedError);
    expect(step).not.toBeInstanceOf(RetryAfterError);
  }, 10_000);
});
