import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import { creativeVersions, usageLedger } from "@/server/db/schema";
import { completeCreativeVersion, failCreativeVersion, versionCostMicros } from "@/server/creative/finish";
import { computeCostMicroUsd } from "@/server/services/llm/pricing";
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
const rowsFor = (versionId: string, part: "sandbox" | "model" = "sandbox") =>
  handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, `creative-version:${versionId}:${part}`));

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

  it("records the agent program's model tokens once, at the pricing table's rate, so the ledger sums to the version's cost", async () => {
    const s = await seedSession(handle.db, world);
    const spent = { ...usage, inputTokens: 12_000, outputTokens: 3_000 };
    await running(s.versionId);
    // The completing step retried concurrently with itself: one row.
    await Promise.all([
      completeCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-f", usage: spent }),
      completeCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-f", usage: spent }),
    ]);
    await running(s.versionId);
    await completeCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-g", usage: spent });

    const rows = await rowsFor(s.versionId, "model");
    const tokenCost = computeCostMicroUsd(spent.model, { inputTokens: 12_000, outputTokens: 3_000 });
    expect(tokenCost).toBeGreaterThan(0);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      projectId: world.projectId,
      runId: "run-f",
      feature: "creative",
      kind: "MODEL_TOKENS",
      model: "claude-sonnet-5-5",
      inputTokens: 12_000,
      outputTokens: 3_000,
      quantity: 15_000,
      costMicroUsd: tokenCost,
    });
    const [sandbox] = await rowsFor(s.versionId);
    expect(rows[0]!.costMicroUsd + sandbox!.costMicroUsd).toBe(versionCostMicros(spent));
  });

  it("a version whose program spent no tokens gets no model row", async () => {
    const s = await seedSession(handle.db, world);
    await running(s.versionId);
    await completeCreativeVersion(handle.db, { versionId: s.versionId, runId: "run-h", usage: { ...usage, inputTokens: 0, outputTokens: 0 } });
    expect(await rowsFor(s.versionId, "model")).toEqual([]);
  });
});
