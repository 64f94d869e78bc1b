import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv, resetEnv } from "@/env";
import { GET as getClock, POST as postClock } from "@/app/api/dev/simulated-clock/route";
import { POST as postObject } from "@/app/api/dev/simulated-ad-objects/[objectId]/route";
import type { DbHandle } from "@/server/db/client";
import { setDeps } from "@/server/deps";
import { connectFacebookAccount } from "@/server/facebook/oauth";
import { createAdPlatform, createSimulatedAdPlatform, SIMULATED_TOKEN_PREFIX, type AdPlatform } from "@/server/services/facebook";
import { DAY_MS, readClockOffsetMs } from "@/server/services/facebook/simulated-clock";
import { simulatedAdAccountsFor } from "@/server/services/facebook/simulated";
import type { Services } from "@/server/services/types";
import { createTestDb } from "../../support/db";
import { seedMember, type Member } from "../onboarding/support";

let handle: DbHandle;
let ana: Member;
let bo: Member;
let anaAccount: string;
let boAccount: string;
const ORIGIN = "http://localhost:3000";

function withFacebook(kind: "simulated" | "graph"): AdPlatform {
  const facebook =
    kind === "simulated"
      ? createSimulatedAdPlatform({ db: handle.db })
      : createAdPlatform({ env: parseEnv({ FACEBOOK_APP_ID: "1", FACEBOOK_APP_SECRET: "s" }), db: handle.db });
  setDeps({ db: handle.db, services: { facebook } as Services });
  return facebook;
}

const clockPost = (body: unknown, cookie?: string, origin = ORIGIN) =>
  postClock(new Request(`${ORIGIN}/api/dev/simulated-clock`, { method: "POST", body: JSON.stringify(body), headers: { origin, ...(cookie ? { cookie } : {}) } }));
const clockGet = (cookie?: string) => getClock(new Request(`${ORIGIN}/api/dev/simulated-clock`, { headers: cookie ? { cookie } : undefined }));
const objectPost = (objectId: string, body: unknown, cookie?: string, origin = ORIGIN) =>
  postObject(new Request(`${ORIGIN}/api/dev/simulated-ad-objects/${objectId}`, { method: "POST", body: JSON.stringify(body), headers: { origin, ...(cookie ? { cookie } : {}) } }), {
    params: Promise.resolve({ objectId }),
  });

async function connect(member: Member): Promise<string> {
  const facebook = withFacebook("simulated");
  const result = await connectFacebookAccount(
    { db: handle.db, facebook, env: { APP_URL: ORIGIN } },
    { organizationId: member.organizationId, userId: member.userId, projectId: member.projectId, code: "sim_dev" },
  );
  if (!result.ok) throw new Error(result.message);
  return result.connection.adAccountChoices[0]!.id;
}

/** An ACTIVE campaign → ad set → ad in the account; returns their ids. */
async function tree(sim: AdPlatform, adAccountId: string) {
  const ctx = { accessToken: `${SIMULATED_TOKEN_PREFIX}dev`, adAccountId };
  const campaign = await sim.createCampaign(ctx, { name: "C", objective: "OUTCOME_SALES", status: "ACTIVE", specialAdCategories: [] });
  const adSet = await sim.createAdSet(ctx, {
    name: "S", campaignId: campaign.id, dailyBudgetCents: 1000, billingEvent: "IMPRESSIONS", optimizationGoal: "OFFSITE_CONVERSIONS", targeting: {}, status: "ACTIVE",
  });
  const { hash } = await sim.uploadImage(ctx, { name: "a.png", bytes: Buffer.from(adAccountId) });
  const creative = await sim.createCreative(ctx, { name: "Cr", pageId: "1", imageHash: hash, link: "https://x.example", headline: "H", primaryText: "P", callToAction: "SHOP_NOW" });
  const ad = await sim.createAd(ctx, { name: "A", adSetId: adSet.id, creativeId: creative.id, status: "ACTIVE" });
  return { ctx, campaignId: campaign.id, adSetId: adSet.id, adId: ad.id };
}

beforeAll(async () => {
  handle = await createTestDb();
  setDeps({ db: handle.db, services: {} as Services });
  ana = await seedMember(handle.db, "Ana");
  bo = await seedMember(handle.db, "Bo");
  anaAccount = await connect(ana);
  boAccount = await connect(bo);
});
afterEach(() => {
  setDeps();
  vi.unstubAllEnvs();
  resetEnv();
});
afterAll(() => handle.close());

describe("POST/GET /api/dev/simulated-clock", () => {
  it("advances every simulated account of the caller's organization, and only those", async () => {
    withFacebook("simulated");
    const res = await clockPost({ days: 3 }, ana.cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { offsetDays: number; accounts: { adAccountId: string; offsetDays: number }[] };
    expect(body.offsetDays).toBe(3);
    expect(body.accounts.map((a) => a.adAccountId).sort()).toEqual(simulatedAdAccountsFor(ana.organizationId).map((a) => a.id).sort());
    expect(body.accounts.map((a) => a.adAccountId)).toContain(anaAccount);
    expect(await readClockOffsetMs(handle.db, boAccount)).toBe(0);
    await clockPost({ days: 2 }, ana.cookie);
    expect(await readClockOffsetMs(handle.db, anaAccount)).toBe(5 * DAY_MS);
    expect(((await (await clockGet(ana.cookie)).json()) as { offsetDays: number }).offsetDays).toBe(5);
    expect(((await (await clockGet(bo.cookie)).json()) as { offsetDays: number }).offsetDays).toBe(0);
  });

  it("moves the simulated account's day: an ad deployed before the advance has days of delivery after it", async () => {
    const sim = withFacebook("simulated");
    const t = await tree(sim, boAccount);
    const range = { since: "2020-01-01", until: "2099-12-31" };
    const before = await sim.getInsights(t.ctx, t.campaignId, range);
    expect((await clockPost({ days: 4 }, bo.cookie)).status).toBe(200);
    const after = await sim.getInsights(t.ctx, t.campaignId, range);
    expect(after.length).toBe(before.length + 4);
  });

  it("names the field of a bad body, refuses the signed-out and cross-site callers", async () => {
    withFacebook("simulated");
    for (const days of [0, 61, 1.5, "3"]) {
      const res = await clockPost({ days }, ana.cookie);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^days/);
    }
    expect((await clockPost({ days: 1 })).status).toBe(401);
    expect((await clockGet()).status).toBe(401);
    const forged = await clockPost({ days: 30 }, ana.cookie, "https://evil.example");
    expect(forged.status).toBe(403);
    expect(await readClockOffsetMs(handle.db, anaAccount)).toBe(5 * DAY_MS);
  });

  it("does not exist with the real Graph API, nor in production without test controls", async () => {
    withFacebook("graph");
    expect((await clockPost({ days: 1 }, ana.cookie)).status).toBe(404);
    expect((await clockGet(ana.cookie)).status).toBe(404);
    withFacebook("simulated");
    const prod = { NODE_ENV: "production", INNGEST_DEV: "", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey", BETTER_AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    for (const [k, v] of Object.entries(prod)) vi.stubEnv(k, v);
    resetEnv();
    expect((await clockPost({ days: 1 }, ana.cookie)).status).toBe(404);
    expect((await clockGet(ana.cookie)).status).toBe(404);
    const t = await tree(createSimulatedAdPlatform({ db: handle.db }), anaAccount);
    expect((await objectPost(t.adId, { status: "PAUSED" }, ana.cookie)).status).toBe(404);
    // The e2e harness runs a production build with test controls on.
    vi.stubEnv("AIGENCY_TEST_CONTROLS", "1");
    resetEnv();
    expect((await clockGet(ana.cookie)).status).toBe(200);
  });
});

describe("POST /api/dev/simulated-ad-objects/[objectId]", () => {
  it("pauses an ad and changes an ad set's budget as Ads Manager would; the platform reads the new values", async () => {
    const sim = withFacebook("simulated");
    const t = await tree(sim, anaAccount);
    const paused = await objectPost(t.adId, { status: "PAUSED" }, ana.cookie);
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ simulated: true, object: { id: t.adId, kind: "ad", status: "PAUSED" } });
    const budget = await objectPost(t.adSetId, { dailyBudgetCents: 2500 }, ana.cookie);
    expect(((await budget.json()) as { object: unknown }).object).toMatchObject({ id: t.adSetId, status: "ACTIVE", dailyBudgetCents: 2500 });
    expect(await sim.readObjects(t.ctx, [t.adId, t.adSetId])).toEqual([
      { id: t.adId, status: "PAUSED" },
      { id: t.adSetId, status: "ACTIVE", dailyBudgetCents: 2500 },
    ]);
  });

  it("answers 404 for another organization's object or one that does not exist, and changes nothing", async () => {
    const sim = withFacebook("simulated");
    const theirs = await tree(sim, boAccount);
    const res = await objectPost(theirs.adId, { status: "PAUSED" }, ana.cookie);
    expect(res.status).toBe(404);
    expect((await objectPost("120999999999999999", { status: "PAUSED" }, ana.cookie)).status).toBe(404);
    expect((await objectPost("not-an-id", { status: "PAUSED" }, ana.cookie)).status).toBe(404);
    expect(await sim.readObjects(theirs.ctx, [theirs.adId])).toEqual([{ id: theirs.adId, status: "ACTIVE" }]);
  });

  it("names the field of a bad change, refuses cross-site and signed-out callers", async () => {
    const sim = withFacebook("simulated");
    const t = await tree(sim, anaAccount);
    const onAd = await objectPost(t.adId, { dailyBudgetCents: 2000 }, ana.cookie);
    expect(onAd.status).toBe(400);
    expect(((await onAd.json()) as { error: string }).error).toMatch(/^dailyBudgetCents/);
    const empty = await objectPost(t.adId, {}, ana.cookie);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/^status/);
    const deleted = await objectPost(t.adId, { status: "DELETED" }, ana.cookie);
    expect(((await deleted.json()) as { error: string }).error).toMatch(/^status/);
    const low = await objectPost(t.adSetId, { dailyBudgetCents: 5 }, ana.cookie);
    expect(((await low.json()) as { error: string }).error).toMatch(/^dailyBudgetCents/);
    const forged = await objectPost(t.adId, { status: "PAUSED" }, ana.cookie, "https://evil.example");
    expect(forged.status).toBe(403);
    expect((await objectPost(t.adId, { status: "PAUSED" })).status).toBe(401);
    expect(await sim.readObjects(t.ctx, [t.adId])).toEqual([{ id: t.adId, status: "ACTIVE" }]);
  });
});
