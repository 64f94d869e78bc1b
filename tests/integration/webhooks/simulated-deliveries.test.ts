import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as sendSample } from "@/app/api/dev/facebook-webhooks/sample/route";
import { env, resetEnv } from "@/env";
import { setDeps, type Deps } from "@/server/deps";
import { advanceSimulatedClocks } from "@/server/services/facebook/simulated-clock";
import { webhookAppSecret } from "@/server/webhooks/app-secret";
import { deliverSimulatedWebhooks } from "@/server/webhooks/deliver-simulated";
import type { WebhookBody } from "@/server/webhooks/sample-deliveries";
import { verifyWebhookSignature } from "@/server/webhooks/signature";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps } from "../campaigns/support";
import { ownEndpoint, seedSimulatedLive } from "./simulated-support";

const endpoint = ownEndpoint();
const server = setupServer(endpoint.handler);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let deps: Deps;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  deps = embeddedDeps(handle.db);
  setDeps(deps);
});
afterEach(() => {
  endpoint.posts.length = 0;
  endpoint.answer(200);
  vi.unstubAllEnvs();
});
afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

const parsed = () => endpoint.posts.map((p) => JSON.parse(p.body) as WebhookBody);
const allSigned = () => endpoint.posts.every((p) => verifyWebhookSignature(Buffer.from(p.body), p.signature, webhookAppSecret(env())));

describe("the simulated ad account's own webhooks", () => {
  it("posts each complete day's leads as a signed page delivery naming the campaign's ads and page; the same days give the same bytes", async () => {
    const c = await seedSimulatedLive(deps, "sim-leads", { activatedDaysAgo: 0 });
    await advanceSimulatedClocks(handle.db, [c.adAccountId], 10);
    const first = await deliverSimulatedWebhooks(deps, c.campaignId);
    expect(allSigned()).toBe(true);
    const leads = parsed().filter((b) => b.object === "page").flatMap((b) => b.entry.flatMap((e) => e.changes));
    // Ten complete days at 0–3 leads a day: some leads, never more than 30.
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.length).toBeLessThanOrEqual(30);
    for (const l of leads) {
      expect(l.field).toBe("leadgen");
      expect(c.adIds).toContain(l.value.ad_id);
      expect(l.value.page_id).toBe("100000000000101");
    }
    expect(first.changes).toBe(parsed().reduce((n, b) => n + b.entry.reduce((m, e) => m + e.changes.length, 0), 0));
    const bytes = endpoint.posts.map((p) => p.body);
    endpoint.posts.length = 0;
    await deliverSimulatedWebhooks(deps, c.campaignId);
    expect(endpoint.posts.map((p) => p.body)).toEqual(bytes);
  });

  it("sends no leads for a campaign that does not collect them, and reviews only as often as SIMULATED_REVIEW_ONE_DAY_IN says", async () => {
    const c = await seedSimulatedLive(deps, "sim-sales", { objective: "OUTCOME_SALES" });
    await advanceSimulatedClocks(handle.db, [c.adAccountId], 14);
    vi.stubEnv("SIMULATED_REVIEW_ONE_DAY_IN", "1");
    resetEnv();
    await deliverSimulatedWebhooks(deps, c.campaignId);
    const bodies = parsed();
    expect(bodies.every((b) => b.object === "ad_account")).toBe(true);
    // One day in one: every one of the 14 complete days flags one of the campaign's ads.
    expect(bodies).toHaveLength(14);
    expect(bodies.every((b) => b.entry[0]!.id === c.adAccountId.replace(/^act_/, ""))).toBe(true);
    expect(bodies.every((b) => b.entry[0]!.changes[0]!.field === "with_issues_ad_objects" && c.adIds.includes(String(b.entry[0]!.changes[0]!.value.id)))).toBe(true);
    endpoint.posts.length = 0;
    vi.stubEnv("SIMULATED_REVIEW_ONE_DAY_IN", "0");
    resetEnv();
    expect(await deliverSimulatedWebhooks(deps, c.campaignId)).toEqual({ deliveries: 0, changes: 0 });
    expect(endpoint.posts).toHaveLength(0);
  });

  it("fails (so the engine retries, as Facebook redelivers) when the endpoint does not answer 200", async () => {
    const c = await seedSimulatedLive(deps, "sim-refused");
    await advanceSimulatedClocks(handle.db, [c.adAccountId], 30);
    endpoint.answer(503);
    await expect(deliverSimulatedWebhooks(deps, c.campaignId)).rejects.toThrow(/answered 503/);
  });
});

const sample = (cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) => {
  const req = jsonRequest("/api/dev/facebook-webhooks/sample", { method: "POST", cookie, body });
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
  return sendSample(req);
};

describe("POST /api/dev/facebook-webhooks/sample", () => {
  it("sends each kind as a signed delivery about the viewer's own campaign", async () => {
    const c = await seedSimulatedLive(deps, "sample-kinds");
    const fields: Record<string, string> = {
      lead: "leadgen",
      "ad-disapproved": "with_issues_ad_objects",
      "account-disabled": "account_status",
      "account-enabled": "account_status",
      "paused-outside": "in_process_ad_objects",
      "unknown-field": "ad_recommendations",
    };
    for (const [kind, field] of Object.entries(fields)) {
      endpoint.posts.length = 0;
      const res = await sample(c.owner.cookie, { kind, campaignId: c.campaignId });
      expect(res.status, kind).toBe(202);
      expect(allSigned()).toBe(true);
      expect(parsed()[0]!.entry[0]!.changes[0]!.field).toBe(field);
    }
    // "Paused in Ads Manager" really paused the ad in the simulated account, as a person would.
    const [ad] = await deps.services.facebook.readObjects({ accessToken: "SIMULATED-t", adAccountId: c.adAccountId }, [c.adIds[0]!]);
    expect(ad!.status).toBe("PAUSED");
  });

  it("answers 401 signed out, 404 for another organization's campaign, 400 naming the field, 403 cross-site, 502 when the endpoint refuses", async () => {
    const c = await seedSimulatedLive(deps, "sample-guard");
    const stranger = await seedSimulatedLive(deps, "sample-stranger");
    expect((await sample(undefined, { kind: "lead", campaignId: c.campaignId })).status).toBe(401);
    expect((await sample(stranger.owner.cookie, { kind: "lead", campaignId: c.campaignId })).status).toBe(404);
    const bad = await sample(c.owner.cookie, { kind: "refund", campaignId: c.campaignId });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]!.field).toBe("kind");
    expect((await sample(c.owner.cookie, { kind: "lead", campaignId: c.campaignId }, { origin: "https://evil.example" })).status).toBe(403);
    expect(endpoint.posts).toHaveLength(0);
    endpoint.answer(401);
    expect((await sample(c.owner.cookie, { kind: "lead", campaignId: c.campaignId })).status).toBe(502);
  });
});
