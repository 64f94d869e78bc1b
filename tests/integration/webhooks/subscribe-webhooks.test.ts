import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { RetryAfterError } from "inngest";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { facebookAccountConnected } from "@/inngest/events";
import { subscribeWebhooks } from "@/inngest/functions/webhooks/subscribe-webhooks";
import { facebookConnections, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { addSimulatedFault, createGraphAdPlatform, SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook";
import { createGraphSubscriptionsFake, SUBSCRIBE_FAILURES } from "../../mocks/graph-subscriptions";
import { createTestDb } from "../../support/db";
import { AD_ACCOUNT, embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";

const SECRET = "subscribe-app-secret";
const PAGE = "100000000000101"; // the page seedWorld's connection carries
const PAGE_TOKEN = "EAAPage-secret-page-token";
const fake = createGraphSubscriptionsFake({ baseUrl: "http://graph.test", appId: "42", appSecret: SECRET, userTokens: ["EAAB-test-token"], pageTokens: { [PAGE]: PAGE_TOKEN } });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let graphDeps: ReturnType<typeof embeddedDeps>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  graphDeps = embeddedDeps(handle.db, { facebook: createGraphAdPlatform({ appId: "42", appSecret: SECRET, graphUrl: "http://graph.test" }) });
  setDeps(graphDeps);
});
afterEach(() => {
  fake.reset();
  setDeps(graphDeps);
  vi.restoreAllMocks();
});
afterAll(async () => {
  setDeps();
  server.close();
  await handle?.close();
});

async function connectedEvent(w: World) {
  const [row] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.organizationId, w.organizationId));
  const data = { organizationId: w.organizationId, connectionId: row!.id, userId: w.owner.userId, adAccountId: row!.adAccountId!, projectId: w.projectId };
  return facebookAccountConnected.create(data, { id: `facebook-connected-${row!.id}-${data.adAccountId}-1` });
}

async function run(event: Awaited<ReturnType<typeof connectedEvent>>) {
  const { transformCtx, sent } = testCtx();
  const out = await new InngestTestEngine({ function: subscribeWebhooks, events: [event as never], transformCtx }).execute();
  return { ...out, sent };
}

const alertsFor = (w: World) => handle.db.select().from(notifications).where(eq(notifications.organizationId, w.organizationId));
const statusOf = async (w: World) =>
  (await handle.db.select().from(facebookConnections).where(eq(facebookConnections.organizationId, w.organizationId)))[0]!.status;

describe("webhooks-subscribe with the Graph API", () => {
  it("reads the Page token with the user's token, subscribes the Page to leadgen with it, and the ad account with our app id", async () => {
    const w = await seedWorld(handle.db, { name: "Ada" });
    const logs = ["log", "info", "warn", "error", "debug"].map((m) => vi.spyOn(console, m as "log"));
    const out = await run(await connectedEvent(w));
    expect(out.error).toBeUndefined();
    expect(out.result).toEqual({ page: { target: "page", status: "subscribed" }, adAccount: { target: "ad-account", status: "subscribed" } });
    expect(fake.requests.map((r) => [r.edge, r.path, r.token])).toEqual([
      ["page-token", PAGE, "EAAB-test-token"],
      ["page-subscribe", `${PAGE}/subscribed_apps`, PAGE_TOKEN],
      ["ad-account-subscribe", `${AD_ACCOUNT}/subscribed_apps`, "EAAB-test-token"],
    ]);
    expect(fake.subscribedPages.get(PAGE)).toBe("leadgen");
    expect(fake.requests[2]!.body).toEqual({ app_id: "42" });
    expect([...fake.subscribedAdAccounts]).toEqual([AD_ACCOUNT]);
    // The Page token went from Graph's answer to Graph's next request only.
    const seen = JSON.stringify([out.result, await Promise.all(Object.values(out.state)), out.sent, logs.map((l) => l.mock.calls)]);
    expect(seen).not.toContain(PAGE_TOKEN);
    expect(seen).not.toContain("EAAB-test-token");
    expect(await alertsFor(w)).toEqual([]);
  });

  it("a missing Page permission is recorded and told once, however often the event is delivered (three at once, then again)", async () => {
    const w = await seedWorld(handle.db, { name: "Bo" });
    const event = await connectedEvent(w);
    for (let i = 0; i < 4; i++) fake.failNext(SUBSCRIBE_FAILURES.missingPagePermission, "page-subscribe");
    const runs = [...(await Promise.all([run(event), run(event), run(event)])), await run(event)];
    for (const r of runs) {
      expect(r.error).toBeUndefined();
      expect(r.result).toMatchObject({ page: { status: "refused", permission: true, code: 200 }, adAccount: { status: "subscribed" } });
    }
    const [alert, ...more] = await alertsFor(w);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ type: "ALERT", userId: w.owner.userId, projectId: w.projectId, title: "New leads will not arrive automatically", link: `/projects/${w.projectId}?facebook=connect` });
    expect(alert!.body).toMatch(/new leads from your ads will not arrive here on their own/);
    expect(alert!.body).toMatch(/reconnect Facebook with a login that has a role on your Page/);
    expect(alert!.body).not.toMatch(/#200|pages_manage_metadata|\d{6,}/);
    expect(new Set(runs.flatMap((r) => r.sent.map((s) => (s.payload as { id: string }).id)))).toEqual(new Set([`notification-created-${alert!.id}`]));
    // A new login (a reconnect sends a new event id) refused again is told again.
    fake.failNext(SUBSCRIBE_FAILURES.missingPagePermission, "page-subscribe");
    await run(facebookAccountConnected.create(event.data, { id: `${event.id}-reconnected` }));
    expect(await alertsFor(w)).toHaveLength(2);
  });

  it.each([
    ["the login has no role on the Page (Graph hands out no Page token)", undefined, "page" as const],
    ["the app lacks the ads permission on the ad account (#10)", "ad-account-subscribe" as const, "ad-account" as const],
  ])("%s: refused, recorded and told", async (_label, failAt, target) => {
    const w = await seedWorld(handle.db, { name: "Cy" });
    const noRole = createGraphSubscriptionsFake({ baseUrl: "http://graph.test", appId: "42", appSecret: SECRET, userTokens: ["EAAB-test-token"], pageTokens: {} });
    if (!failAt) server.use(...noRole.handlers);
    else fake.failNext(SUBSCRIBE_FAILURES.appLacksPermission, failAt);
    const { result, error } = await run(await connectedEvent(w));
    server.resetHandlers();
    expect(error).toBeUndefined();
    const key = target === "page" ? "page" : "adAccount";
    expect((result as Record<string, unknown>)[key]).toMatchObject({ status: "refused", permission: true });
    const [alert] = await alertsFor(w);
    expect(alert!.title).toBe(target === "page" ? "New leads will not arrive automatically" : "Facebook will not tell us about changes to your ads");
  });

  it("an expired login (190) marks the connection to reconnect; the ad account step then leaves it alone", async () => {
    const w = await seedWorld(handle.db, { name: "Di" });
    fake.failNext(SUBSCRIBE_FAILURES.tokenExpired, "page-token");
    const { result, error } = await run(await connectedEvent(w));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ page: { status: "login-refused", markedExpired: true }, adAccount: { status: "skipped" } });
    expect(await statusOf(w)).toBe("EXPIRED");
    expect(fake.requests.map((r) => r.edge)).toEqual(["page-token"]);
    expect(await alertsFor(w)).toEqual([]);
  });

  it("a throttle waits as long as Graph asked, and the retry subscribes", async () => {
    const w = await seedWorld(handle.db, { name: "Ed" });
    const event = await connectedEvent(w);
    fake.failNext(SUBSCRIBE_FAILURES.adAccountThrottle, "ad-account-subscribe");
    const first = await run(event);
    expect(first.error).toMatchObject({ name: RetryAfterError.name, message: expect.stringContaining("too many calls") });
    expect((await run(event)).result).toMatchObject({ page: { status: "subscribed" }, adAccount: { status: "subscribed" } });
    expect([...fake.subscribedAdAccounts]).toEqual([AD_ACCOUNT]);
  });
});

describe("webhooks-subscribe with the simulated account", () => {
  async function simulatedWorld(name: string) {
    const w = await seedWorld(handle.db, { name, connect: false });
    const owner = { organizationId: w.organizationId, userId: w.owner.userId };
    const adAccounts = [{ id: "act_100000000000009", name: "Ads", currency: "USD", accountStatus: 1 }];
    await savePendingConnection(handle.db, { ...owner, token: { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, expiresAt: null }, adAccounts, pageId: PAGE, simulated: true });
    await selectAdAccount(handle.db, { ...owner, adAccountId: adAccounts[0]!.id });
    return w;
  }

  it("answers success without any HTTP request (msw refuses unhandled ones) and tells nobody", async () => {
    setDeps(embeddedDeps(handle.db));
    const w = await simulatedWorld("Fay");
    const { result, error } = await run(await connectedEvent(w));
    expect(error).toBeUndefined();
    expect(result).toEqual({ page: { target: "page", status: "subscribed" }, adAccount: { target: "ad-account", status: "subscribed" } });
    expect(fake.requests).toEqual([]);
    expect(await alertsFor(w)).toEqual([]);
  });

  it("a simulated refusal (a queued fault) is told like Graph's", async () => {
    setDeps(embeddedDeps(handle.db));
    const w = await simulatedWorld("Gus");
    await addSimulatedFault(handle.db, { operation: "subscribePageToLeads", code: 200, message: "(#200) Requires pages_manage_metadata permission" });
    const { result } = await run(await connectedEvent(w));
    expect(result).toMatchObject({ page: { status: "refused", permission: true }, adAccount: { status: "subscribed" } });
    expect(await alertsFor(w)).toHaveLength(1);
  });
});
