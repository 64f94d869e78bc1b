import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "@/server/deps";
import { pullAccountSnapshots } from "@/server/performance/pull-account";
import { createTestDb } from "../../support/db";
import { AD_ACCOUNT, embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { graphWorld, seedLiveCampaign, snapshotRows } from "./support";

// Runs on PGlite by default and on Postgres when DATABASE_URL is set (real row locks, real concurrency).
const { fake, platform } = graphWorld();
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let deps: Deps;
let world: World;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  deps = embeddedDeps(handle.db, { facebook: platform });
  world = await seedWorld(handle.db, { name: "Ida" });
});
afterAll(async () => {
  server.close();
  await handle?.close();
});

describe("snapshot idempotency", () => {
  it("two overlapping sweeps and a rerun leave the same rows, once each", async () => {
    // 8 campaigns × 7 objects = 56 objects: two batches per pull, so the sweeps interleave across chunks.
    const campaigns: Awaited<ReturnType<typeof seedLiveCampaign>>[] = [];
    for (let i = 1; i <= 8; i++) campaigns.push(await seedLiveCampaign(handle.db, fake, world, { prefix: `${i}3` }));
    const pull = (sweepId: string) =>
      pullAccountSnapshots(deps, { organizationId: world.organizationId, adAccountId: AD_ACCOUNT, sweepId }, { batch: { sleep: async () => {} } });

    const [a, b] = await Promise.all([pull("sweep-a"), pull("sweep-b")]);
    expect(a.plan.chunks).toBe(2);
    expect(a.objects + b.objects).toBe(112);
    // At most two requests each; fewer when one run finds a chunk the other already stored after it started.
    const overlapRequests = fake.batches.length;
    expect(overlapRequests).toBeGreaterThanOrEqual(2);
    expect(overlapRequests).toBeLessThanOrEqual(4);
    const afterOverlap = await snapshotRows(handle.db);
    expect(afterOverlap).toHaveLength(56 * 3);
    expect(new Set(afterOverlap.map((r) => `${r.objectId}|${r.date}`)).size).toBe(56 * 3);

    await pull("sweep-c");
    const afterRerun = await snapshotRows(handle.db);
    expect(afterRerun).toEqual(afterOverlap);
    expect(fake.batches.length - overlapRequests).toBe(2);
    expect(afterRerun.filter((r) => r.campaignId === campaigns[0]!.campaignId)).toHaveLength(21);
  });
});
