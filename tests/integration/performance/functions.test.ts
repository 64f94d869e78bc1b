import { InngestTestEngine } from "@inngest/test";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { performanceAccountSweepRequested, performanceRefreshRequested, performanceSweepRequested } from "@/inngest/events";
import { fanOutPerformanceSweep } from "@/inngest/functions/performance/fan-out-performance-sweep";
import { pullAccountSnapshots } from "@/inngest/functions/performance/pull-account-snapshots";
import { refreshCampaignSnapshots } from "@/inngest/functions/performance/refresh-campaign-snapshots";
import { requestPerformanceSweep } from "@/inngest/functions/performance/request-performance-sweep";
import { setDeps } from "@/server/deps";
import { lastAccountDays } from "@/server/performance/account-day";
import { SUB_FAILURES } from "../../mocks/graph";
import { createTestDb } from "../../support/db";
import { AD_ACCOUNT, embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { graphWorld, seedLiveCampaign, snapshotRows } from "./support";

const { fake, platform } = graphWorld();
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db, { facebook: platform }));
  world = await seedWorld(handle.db, { name: "Flo" });
});
afterEach(async () => {
  fake.reset();
  await handle.db.execute("delete from performance_snapshots");
  await handle.db.execute("delete from campaign_records");
});
afterAll(async () => {
  setDeps();
  server.close();
  await handle?.close();
});

type Sent = { name: string; id?: string; data: Record<string, unknown> };
const payloads = (sent: { payload: unknown }[]) => sent.flatMap((s) => (Array.isArray(s.payload) ? s.payload : [s.payload])) as Sent[];

describe("performance functions", () => {
  it("request-performance-sweep: one sweep per cron tick, its id derived from the tick", async () => {
    const { transformCtx, sent } = testCtx();
    const ts = Date.parse("2026-11-30T04:00:07Z");
    const event = { name: "inngest/scheduled.timer", data: { cron: "0 */4 * * *" }, ts, id: "tick-1" };
    const { result, error } = await new InngestTestEngine({ function: requestPerformanceSweep, events: [event as never], transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ sweepId: "sweep-2026-11-30T04:00:00.000Z" });
    expect(payloads(sent)).toEqual([
      expect.objectContaining({ name: "performance/sweep.requested", id: "performance-sweep-sweep-2026-11-30T04:00:00.000Z" }),
    ]);
  });

  it("fan-out: one event per ad account with an ACTIVE campaign, none for a paused one", async () => {
    await seedLiveCampaign(handle.db, fake, world, { prefix: "31" });
    await seedLiveCampaign(handle.db, fake, world, { prefix: "32" });
    await seedLiveCampaign(handle.db, fake, world, { prefix: "33", adAccountId: "act_3333" });
    await seedLiveCampaign(handle.db, fake, world, { prefix: "34", adAccountId: "act_4444", status: "PAUSED" });
    const { transformCtx, sent } = testCtx();
    const events = [performanceSweepRequested.create({ sweepId: "sweep-x" }) as never] as [never];
    const { result } = await new InngestTestEngine({ function: fanOutPerformanceSweep, events, transformCtx }).execute();
    expect(result).toEqual({ accounts: 2 });
    const out = payloads(sent);
    expect(out.map((e) => e.id).sort()).toEqual([`sweep-x:${AD_ACCOUNT}:${world.organizationId}`, `sweep-x:act_3333:${world.organizationId}`].sort());
    expect(out.every((e) => e.name === "performance/account-sweep.requested" && e.data.sweepId === "sweep-x")).toBe(true);
  });

  it("pull-account-snapshots: one step per batch, rows stored, one snapshot.pulled per campaign", async () => {
    const a = await seedLiveCampaign(handle.db, fake, world, { prefix: "41" });
    const b = await seedLiveCampaign(handle.db, fake, world, { prefix: "42" });
    const { transformCtx, sent } = testCtx();
    const events = [performanceAccountSweepRequested.create({ organizationId: world.organizationId, adAccountId: AD_ACCOUNT, sweepId: "sweep-y" }) as never] as [never];
    const { result, error, ctx } = await new InngestTestEngine({ function: pullAccountSnapshots, events, transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ batches: 1, stored: 42, campaigns: 2 });
    expect(ctx.step.run).toHaveBeenCalledWith("pull-batch-0", expect.any(Function));
    expect(fake.batches).toHaveLength(1);
    expect(await snapshotRows(handle.db)).toHaveLength(42);
    const { until } = lastAccountDays(new Date(), "UTC");
    expect(payloads(sent).map((e) => e.id).sort()).toEqual(
      [a.campaignId, b.campaignId].map((id) => `snapshot-${id}-${until}-sweep-y`).sort(),
    );
  });

  it("pull-account-snapshots: a throttled batch fails the step with Graph's wait, keeping what arrived", async () => {
    const a = await seedLiveCampaign(handle.db, fake, world, { prefix: "43" });
    fake.failSubRequest(SUB_FAILURES.userThrottle(a.ids.ads[0]!));
    const { transformCtx, sent } = testCtx();
    const events = [performanceAccountSweepRequested.create({ organizationId: world.organizationId, adAccountId: AD_ACCOUNT, sweepId: "sweep-z" }) as never] as [never];
    const { error } = await new InngestTestEngine({ function: pullAccountSnapshots, events, transformCtx }).execute();
    expect(error).toMatchObject({ name: "RetryAfterError" });
    expect(sent).toHaveLength(0);
    expect(await snapshotRows(handle.db)).toHaveLength(18);
  });

  it("refresh-campaign-snapshots: pulls only the asked campaign, paused ones too", async () => {
    const a = await seedLiveCampaign(handle.db, fake, world, { prefix: "51", status: "PAUSED" });
    await seedLiveCampaign(handle.db, fake, world, { prefix: "52" });
    const { transformCtx, sent } = testCtx();
    const events = [
      performanceRefreshRequested.create({
        organizationId: world.organizationId, projectId: world.projectId, campaignId: a.campaignId, adAccountId: AD_ACCOUNT, requestedBy: world.owner.userId,
      }) as never,
    ] as [never];
    const { result, error } = await new InngestTestEngine({ function: refreshCampaignSnapshots, events, transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ batches: 1, stored: 21, campaigns: 1 });
    expect(fake.batches[0]!.objectIds.sort()).toEqual([...a.objects].sort());
    expect(payloads(sent)).toEqual([expect.objectContaining({ name: "performance/snapshot.pulled", data: expect.objectContaining({ campaignId: a.campaignId }) })]);
  });

  it("keys flow control by ad account, shared with deploys", () => {
    for (const fn of [pullAccountSnapshots, refreshCampaignSnapshots]) {
      const opts = (fn as unknown as { opts: Record<string, unknown> }).opts;
      expect(opts.concurrency).toEqual(expect.arrayContaining([expect.objectContaining({ key: `"facebook-ad-account:" + event.data.adAccountId`, scope: "env" })]));
      expect(opts.throttle).toMatchObject({ key: "event.data.adAccountId" });
    }
    expect((refreshCampaignSnapshots as unknown as { opts: { debounce: unknown } }).opts.debounce).toMatchObject({ key: "event.data.campaignId", period: "30s" });
  });
});
