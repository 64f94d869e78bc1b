import { setupServer } from "msw/node";
import { RetryAfterError } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { facebookConnections, performanceSnapshots } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { addDays, dayIn } from "@/server/performance/account-timezone";
import { planAccountPull, pullAccountSnapshots, pullChunk } from "@/server/performance/pull-account";
import { pullRange } from "@/server/performance/pull-range";
import { SUB_FAILURES } from "../../mocks/graph";
import { createTestDb } from "../../support/db";
import { AD_ACCOUNT, embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { GRAPH_TOKEN, graphWorld, seedLiveCampaign, snapshotRows } from "./support";

const { fake, platform } = graphWorld();
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let deps: Deps;
let world: World;
const noWait = { sleep: async () => {} };

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  deps = embeddedDeps(handle.db, { facebook: platform });
  world = await seedWorld(handle.db, { name: "Pia" });
});
afterEach(async () => {
  fake.reset();
  await handle.db.execute("delete from performance_snapshots");
  await handle.db.execute("delete from campaign_records");
});
afterAll(async () => {
  server.close();
  await handle?.close();
});

const target = (sweepId: string, adAccountId = AD_ACCOUNT) => ({ organizationId: world.organizationId, adAccountId, sweepId });

describe("pulling an ad account's snapshots through Graph batches", () => {
  it("reaches back to the last stored day, or to activation (at most 28 days), so a missed sweep leaves no gap", async () => {
    const c = await seedLiveCampaign(handle.db, fake, world, { prefix: "3" });
    const today = dayIn("UTC", new Date());
    const campaigns = [{ campaignId: c.campaignId, activatedAt: new Date(Date.now() - 9 * 86_400_000) }];
    expect(await pullRange(handle.db, { now: new Date(), timezone: "UTC", campaigns })).toEqual({ since: addDays(today, -9), until: today });
    await handle.db.insert(performanceSnapshots).values({
      organizationId: world.organizationId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, objectType: "campaign", objectId: c.ids.campaign, date: addDays(today, -5),
    });
    expect((await pullRange(handle.db, { now: new Date(), timezone: "UTC", campaigns })).since).toBe(addDays(today, -5));
    const old = [{ campaignId: "00000000-0000-4000-8000-000000000000", activatedAt: new Date(Date.now() - 90 * 86_400_000) }];
    expect((await pullRange(handle.db, { now: new Date(), timezone: "UTC", campaigns: old })).since).toBe(addDays(today, -27));
  });

  it("stores one row per object and day with derived figures, in ceil(objects / 50) requests", async () => {
    const c = await seedLiveCampaign(handle.db, fake, world, { prefix: "7" });
    const out = await pullAccountSnapshots(deps, target("sweep-1"), { batch: noWait });
    expect(fake.batches).toHaveLength(1);
    expect(fake.batches[0]!.objectIds.sort()).toEqual([...c.objects].sort());
    const rows = await snapshotRows(handle.db);
    expect(rows).toHaveLength(7 * 3);
    expect(out.stored).toBe(21);
    const adSet = rows.find((r) => r.objectId === c.ids.adSets[1] && r.date === c.days[2]);
    // n = 2 for the second ad set: spend 5+2+2 = 9.00, value 14.00, 2 leads, budget 1500 (USD: Graph's cents).
    expect(adSet).toMatchObject({
      campaignId: c.campaignId, objectType: "adset", parentObjectId: c.ids.campaign, spendCents: 900, impressions: 3000, reach: 1200,
      clicks: 12, ctr: 1.1, frequency: 2.5, conversions: 2, conversionValueCents: 1400, costPerConversionCents: 450,
      objectStatus: "ACTIVE", dailyBudgetCents: 1500, creativeId: null,
    });
    expect(adSet!.roas).toBeCloseTo(1400 / 900);
    const ad = rows.find((r) => r.objectId === c.ids.ads[3]);
    expect(ad).toMatchObject({ objectType: "ad", parentObjectId: c.ids.adSets[1], creativeId: `cr${c.ids.ads[3]}`, conversions: 0 });
    expect(ad!.costPerConversionCents).toBeNull();
  });

  it("retries only the sub-requests that failed: a 500 in the next round, a throttle after the engine's wait", async () => {
    const c = await seedLiveCampaign(handle.db, fake, world, { prefix: "8" });
    const [throttled, failing] = [c.ids.adSets[0]!, c.ids.ads[1]!];
    fake.failSubRequest(SUB_FAILURES.appThrottle(throttled));
    fake.failSubRequest(SUB_FAILURES.serverError(failing));
    const { chunks, ...plan } = await planAccountPull(deps, target("sweep-2"));
    expect(chunks).toHaveLength(1);

    // First attempt: the throttle stops the pull; what arrived is stored, the step waits as Graph asked.
    const first = await pullChunk(deps, { plan, chunk: chunks[0]!, batch: noWait }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(RetryAfterError);
    expect((first as RetryAfterError).retryAfter).toBe("180");
    const stored = new Set((await snapshotRows(handle.db)).map((r) => r.objectId));
    expect(stored).toEqual(new Set(c.objects.filter((id) => id !== throttled && id !== failing)));

    // The step's retry asks Graph again for the two that failed, and only those.
    const second = await pullChunk(deps, { plan, chunk: chunks[0]!, batch: noWait });
    expect(fake.batches).toHaveLength(2);
    expect(fake.batches[1]!.objectIds.sort()).toEqual([throttled, failing].sort());
    expect(second).toMatchObject({ pulled: 2, alreadyPulled: 5 });
    expect(await snapshotRows(handle.db)).toHaveLength(21);
  });

  it("re-batches a transient failure (500, Graph's null) within the same pull, alone", async () => {
    const c = await seedLiveCampaign(handle.db, fake, world, { prefix: "9" });
    fake.failSubRequest(SUB_FAILURES.serverError(c.ids.ads[0]!));
    fake.failSubRequest(SUB_FAILURES.timedOut(c.ids.ads[2]!));
    await pullAccountSnapshots(deps, target("sweep-3"), { batch: noWait });
    expect(fake.batches.map((b) => b.objectIds.length)).toEqual([7, 2]);
    expect(fake.batches[1]!.objectIds.sort()).toEqual([c.ids.ads[0]!, c.ids.ads[2]!].sort());
    expect(await snapshotRows(handle.db)).toHaveLength(21);
  });

  it("a throttle slows only the throttled account: the other account's rows are stored", async () => {
    const a = await seedLiveCampaign(handle.db, fake, world, { prefix: "5" });
    const b = await seedLiveCampaign(handle.db, fake, world, { prefix: "6", adAccountId: "act_2222222222" });
    fake.failSubRequest(SUB_FAILURES.userThrottle(b.ids.ads[0]!));
    const [okA, limitedB] = await Promise.allSettled([
      pullAccountSnapshots(deps, target("sweep-4"), { batch: noWait }),
      pullAccountSnapshots(deps, target("sweep-4", "act_2222222222"), { batch: noWait }),
    ]);
    expect(okA.status).toBe("fulfilled");
    expect(limitedB.status === "rejected" && limitedB.reason).toBeInstanceOf(RetryAfterError);
    expect(limitedB.status === "rejected" && (limitedB.reason as RetryAfterError).retryAfter).toBe("120");
    const rows = await snapshotRows(handle.db);
    expect(rows.filter((r) => r.adAccountId === AD_ACCOUNT)).toHaveLength(21);
    expect(rows.filter((r) => r.adAccountId === "act_2222222222").map((r) => r.objectId)).not.toContain(b.ids.ads[0]);
    // One request per account: account A's batch never carried account B's objects.
    const batchOfA = fake.batches.find((x) => x.objectIds.includes(a.ids.campaign))!;
    expect(batchOfA.objectIds.some((id) => b.objects.includes(id))).toBe(false);
  });

  it("skips an object Facebook no longer has, and pulls nothing with no active login", async () => {
    const c = await seedLiveCampaign(handle.db, fake, world, { prefix: "4" });
    fake.objects.delete(c.ids.ads[3]!);
    const out = await pullAccountSnapshots(deps, target("sweep-5"), { batch: noWait });
    expect(out.outcomes[0]!.skipped.map((s) => s.objectId)).toEqual([c.ids.ads[3]]);
    expect(await snapshotRows(handle.db)).toHaveLength(18);

    await handle.db.update(facebookConnections).set({ status: "EXPIRED" });
    try {
      const expired = await pullAccountSnapshots(deps, target("sweep-6"), { batch: noWait });
      expect(expired.outcomes[0]).toMatchObject({ noConnection: true, stored: 0 });
      expect(fake.batches).toHaveLength(1);
    } finally {
      await handle.db.update(facebookConnections).set({ status: "ACTIVE" });
    }
  });

  it("expires the login Graph refuses (190) instead of retrying, so the app asks for a reconnect", async () => {
    await seedLiveCampaign(handle.db, fake, world, { prefix: "2" });
    fake.tokens.delete(GRAPH_TOKEN);
    try {
      const out = await pullAccountSnapshots(deps, target("sweep-7"), { batch: noWait });
      expect(out.outcomes[0]).toMatchObject({ noConnection: true, loginRefused: true, stored: 0 });
      const [conn] = await handle.db.select().from(facebookConnections);
      expect(conn!.status).toBe("EXPIRED");
    } finally {
      fake.tokens.add(GRAPH_TOKEN);
      await handle.db.update(facebookConnections).set({ status: "ACTIVE" });
    }
  });
});
