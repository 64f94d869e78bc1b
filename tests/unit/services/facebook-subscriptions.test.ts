import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FACEBOOK_SCOPES } from "@/server/facebook/oauth";
import { createGraphAdPlatform, GraphApiError } from "@/server/services/facebook";
import { createGraphSubscriptionsFake, SUBSCRIBE_FAILURES } from "../../mocks/graph-subscriptions";

const SECRET = "subscribe-secret";
const TOKEN = "EAAB-user-token";
const PAGE_TOKEN = "EAAPage-token-never-out";
const BASE = "http://graph.test";
const fake = createGraphSubscriptionsFake({ baseUrl: BASE, appId: "42", appSecret: SECRET, userTokens: [TOKEN], pageTokens: { "222": PAGE_TOKEN } });
const server = setupServer(...fake.handlers);
const graph = createGraphAdPlatform({ appId: "42", appSecret: SECRET, graphUrl: BASE });
const catchError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GraphApiError);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => fake.reset());
afterAll(() => server.close());

describe("Graph subscribePageToLeads", () => {
  it("subscribes with the Page's own token and resolves to nothing, so the Page token cannot travel on", async () => {
    expect(await graph.subscribePageToLeads(TOKEN, "222")).toBeUndefined();
    expect(fake.requests.map((r) => r.token)).toEqual([TOKEN, PAGE_TOKEN]);
    expect(fake.subscribedPages.get("222")).toBe("leadgen");
  });

  it("a Page the login has no role on (no token in Graph's answer) is Graph's permissions error, asked once", async () => {
    const error = await catchError(graph.subscribePageToLeads(TOKEN, "333"));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error!.details.code).toBe(200);
    expect(error!.kind).toBe("permanent");
    expect(fake.requests).toHaveLength(1);
  });

  it("passes Graph's refusals through typed: a missing permission, an expired login", async () => {
    fake.failNext(SUBSCRIBE_FAILURES.missingPagePermission, "page-subscribe");
    expect((await catchError(graph.subscribePageToLeads(TOKEN, "222")))!.details).toMatchObject({ code: 200, httpStatus: 403 });
    fake.failNext(SUBSCRIBE_FAILURES.tokenExpired, "page-token");
    const expired = await catchError(graph.subscribePageToLeads(TOKEN, "222"));
    expect(expired!.kind).toBe("auth");
    expect(expired!.message).not.toContain(PAGE_TOKEN);
  });

  it("never puts anything but Graph's digits in the path", async () => {
    expect((await catchError(graph.subscribePageToLeads(TOKEN, "../me")))!.details.code).toBe(100);
    expect(fake.requests).toEqual([]);
  });
});

describe("Graph subscribeAdAccountToApp", () => {
  it("posts our app id with the user's token", async () => {
    await graph.subscribeAdAccountToApp({ accessToken: TOKEN, adAccountId: "act_111" });
    expect(fake.requests).toEqual([{ edge: "ad-account-subscribe", path: "act_111/subscribed_apps", token: TOKEN, body: { app_id: "42" } }]);
    expect([...fake.subscribedAdAccounts]).toEqual(["act_111"]);
  });

  it("a throttle is a rate limit with Graph's wait; #10 is permanent", async () => {
    fake.failNext(SUBSCRIBE_FAILURES.adAccountThrottle);
    const throttled = await catchError(graph.subscribeAdAccountToApp({ accessToken: TOKEN, adAccountId: "act_111" }));
    expect(throttled!.kind).toBe("rate-limit");
    expect(throttled!.details.retryAfterMs).toBe(120_000);
    fake.failNext(SUBSCRIBE_FAILURES.appLacksPermission);
    expect((await catchError(graph.subscribeAdAccountToApp({ accessToken: TOKEN, adAccountId: "act_111" })))!.kind).toBe("permanent");
  });
});

describe("the OAuth scopes", () => {
  it("ask for what subscribing and reading leads need, and the dialog carries them", () => {
    for (const scope of ["leads_retrieval", "pages_manage_metadata", "pages_show_list", "ads_management"]) expect(FACEBOOK_SCOPES).toContain(scope);
    const url = new URL(graph.oauthDialogUrl({ state: "s", redirectUri: "http://app/cb", scopes: FACEBOOK_SCOPES }));
    expect(url.searchParams.get("scope")!.split(",")).toEqual(FACEBOOK_SCOPES);
  });
});
