import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as devSweep } from "@/app/api/dev/performance-sweep/route";
import { GET as series } from "@/app/api/performance/campaigns/[campaignId]/series/route";
import { POST as refresh } from "@/app/api/performance/refresh/route";
import { inngest } from "@/inngest/client";
import { campaignRecords, performanceSnapshots } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { devControlsEnabled } from "@/env";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { AD_ACCOUNT, embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { graphWorld, seedLiveCampaign } from "./support";

const { fake } = graphWorld();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: World;
let stranger: World;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  owner = await seedWorld(handle.db, { name: "Rosa" });
  stranger = await seedWorld(handle.db, { name: "Mallory" });
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const post = (path: string, cookie: string | undefined, body: unknown) => jsonRequest(path, { method: "POST", cookie, body });

describe("POST /api/performance/refresh", () => {
  it("queues a refresh of an ACTIVE or PAUSED campaign with the event the function listens to", async () => {
    const c = await seedLiveCampaign(handle.db, fake, owner, { prefix: "61", status: "PAUSED" });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e1"] });
    const res = await refresh(post("/api/performance/refresh", owner.owner.cookie, { campaignId: c.campaignId }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: true });
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "performance/refresh.requested",
        id: expect.stringMatching(new RegExp(`^performance-refresh-${c.campaignId}-`)),
        data: { organizationId: owner.organizationId, projectId: owner.projectId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, requestedBy: owner.owner.userId },
      }),
    );
  });

  it("answers 401 signed out, 404 for another organization's campaign, 400 naming the field, 403 cross-site", async () => {
    const c = await seedLiveCampaign(handle.db, fake, owner, { prefix: "62" });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    expect((await refresh(post("/api/performance/refresh", undefined, { campaignId: c.campaignId }))).status).toBe(401);
    const foreign = await refresh(post("/api/performance/refresh", stranger.owner.cookie, { campaignId: c.campaignId }));
    expect(foreign.status).toBe(404);
    const bad = await refresh(post("/api/performance/refresh", owner.owner.cookie, { campaignId: "not-a-uuid" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^campaignId: /);
    const missing = await refresh(post("/api/performance/refresh", owner.owner.cookie, {}));
    expect(((await missing.json()) as { fields: { field: string }[] }).fields[0]!.field).toBe("campaignId");
    const req = post("/api/performance/refresh", owner.owner.cookie, { campaignId: c.campaignId });
    req.headers.set("origin", "https://evil.example");
    expect((await refresh(req)).status).toBe(403);
    expect(send).not.toHaveBeenCalled();
  });

  it("refuses (409) a campaign that is not on Facebook, and says to retry when the engine is unreachable", async () => {
    const c = await seedLiveCampaign(handle.db, fake, owner, { prefix: "63" });
    await handle.db.update(campaignRecords).set({ status: "DEPLOY_FAILED" }).where(eq(campaignRecords.id, c.campaignId));
    const send = vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await refresh(post("/api/performance/refresh", owner.owner.cookie, { campaignId: c.campaignId }))).status).toBe(409);
    expect(send).not.toHaveBeenCalled();

    await handle.db.update(campaignRecords).set({ status: "ACTIVE" }).where(eq(campaignRecords.id, c.campaignId));
    const res = await refresh(post("/api/performance/refresh", owner.owner.cookie, { campaignId: c.campaignId }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ queued: false, warning: expect.stringMatching(/Try again/) });
  });
});

describe("GET /api/performance/campaigns/[campaignId]/series", () => {
  it("returns the campaign's own daily rows oldest first, only to its organization", async () => {
    const c = await seedLiveCampaign(handle.db, fake, owner, { prefix: "64" });
    const row = (objectId: string, date: string, spendCents: number) => ({
      organizationId: owner.organizationId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, objectType: "campaign" as const,
      objectId, date, spendCents, impressions: 1000, clicks: 10, ctr: 1, conversions: 2, conversionValueCents: spendCents * 3, roas: 3,
    });
    await handle.db.insert(performanceSnapshots).values([
      row(c.ids.campaign, "2026-11-29", 900), row(c.ids.campaign, "2026-11-28", 800), row(c.ids.adSets[0]!, "2026-11-29", 450),
    ]);
    const params = { params: Promise.resolve({ campaignId: c.campaignId }) };
    const url = `/api/performance/campaigns/${c.campaignId}/series`;
    const res = await series(jsonRequest(url, { cookie: owner.owner.cookie }), params);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { currency: string; series: { date: string; spendCents: number; roas: number }[] };
    expect(body.currency).toBe("USD");
    expect(body.series.map((p) => [p.date, p.spendCents, p.roas])).toEqual([["2026-11-28", 800, 3], ["2026-11-29", 900, 3]]);
    const one = (await (await series(jsonRequest(`${url}?days=1`, { cookie: owner.owner.cookie }), params)).json()) as typeof body;
    expect(one.series.map((p) => p.date)).toEqual(["2026-11-29"]);

    expect((await series(jsonRequest(url, { cookie: stranger.owner.cookie }), params)).status).toBe(404);
    expect((await series(jsonRequest(url), params)).status).toBe(401);
    const bad = await series(jsonRequest(`${url}?days=0`, { cookie: owner.owner.cookie }), params);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^days: /);
  });
});

describe("POST /api/dev/performance-sweep", () => {
  it("sends one sweep request for a signed-in member; refuses signed out and cross-site", async () => {
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e1"] });
    const res = await devSweep(post("/api/dev/performance-sweep", owner.owner.cookie, {}));
    expect(res.status).toBe(202);
    const { sweepId } = (await res.json()) as { sweepId: string };
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "performance/sweep.requested", id: `performance-sweep-${sweepId}`, data: { sweepId } }));
    expect((await devSweep(post("/api/dev/performance-sweep", undefined, {}))).status).toBe(401);
    const req = post("/api/dev/performance-sweep", owner.owner.cookie, {});
    req.headers.set("sec-fetch-site", "cross-site");
    expect((await devSweep(req)).status).toBe(403);
    const extra = await devSweep(post("/api/dev/performance-sweep", owner.owner.cookie, { sweepId: "mine" }));
    expect(extra.status).toBe(400);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("exists only outside production, or under the e2e harness", () => {
    expect(devControlsEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(devControlsEnabled({ NODE_ENV: "test" })).toBe(true);
    expect(devControlsEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(devControlsEnabled({ NODE_ENV: "production", AIGENCY_TEST_CONTROLS: "1" })).toBe(true);
  });
});
