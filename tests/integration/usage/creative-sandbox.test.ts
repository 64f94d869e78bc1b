import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import { creativeVersions, usageLedger } from "@/server/db/schema";
import { completeCreativeVersion, failCreativeVersion } from "@/server/creative/finish";
import { seedWorld, type World } from "../campaigns/support";
import { seedSession } from "../creative/support";
import { createTestDb } from "../../support/db";

let handle: DbHandle;
let world: World;

beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db);
});
afterAll(() => handle.close());

const usage = { model: "claude-sonnet-5-5", inputTokens: 10, outputTokens: 5, generator: "offline" as const, sandboxSeconds: 100 };
const running = (versionId: string) =>
  handle.db.update(creativeVersions).set({ status: "RUNNING", startedAt: new Date() }).where(eq(creativeVersions.id, versionId));
const rowsFor = (versionId: string) =>
  handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, `creative-version:${versionId}:sandbox`));

describe("creative version sandbox seconds on the cost ledger", () => {
  it("records once with the project, across a rerun and a late failure", async () => {
    const s = await seedSession(handle.db, world);
    await running(s.versionId);
    await completeCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-a", usage });
    // A rerun finds the version RUNNING again (say, reset by hand) and completes it with a new run id.
    await running(s.versionId);
    await completeCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-b", usage: { ...usage, sandboxSeconds: 120 } });
    await running(s.versionId);
    await failCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-c", error: "boom", sandboxSeconds: 130 });

    const rows = await rowsFor(s.versionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organizationId: world.organizationId,
      projectId: world.projectId,
      runId: "run-a",
      feature: "creative",
      kind: "SANDBOX_SECONDS",
      quantity: 100,
      costMicroUsd: 1_860,
    });
  });

  it("a failed version with sandbox time is billed; one that never got a sandbox is not", async () => {
    const billed = await seedSession(handle.db, world);
    await running(billed.versionId);
    await failCreativeVersion(handle.db, { versionId: billed.versionId, runId: "run-d", error: "boom", sandboxSeconds: 10 });
    expect((await rowsFor(billed.versionId)).map((r) => r.costMicroUsd)).toEqual([186]);

    const unbilled = await seedSession(handle.db, world);
    await failCreativeVersion(handle.db, { versionId: unbilled.versionId, runId: "run-e", error: "crashed" });
    expect(await rowsFor(unbilled.versionId)).toEqual([]);
  });
});
