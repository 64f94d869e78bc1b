import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { creativeGenerationRequested } from "@/inngest/events";
import { generateCreativeVersion } from "@/inngest/functions/creative/generate-creative-version";
import { recordCreativeCancellation } from "@/inngest/functions/creative/record-creative-cancellation";
import { creativeArtifacts, creativeVersions } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { OVER_BUDGET_ERROR, STAGE_TIMEOUT_SECONDS } from "@/server/creative/limits";
import { createTestDb } from "../../support/db";
import { seedWorld, testCtx, type World } from "../campaigns/support";
import { sandboxSessionsDouble, type StageBehaviour } from "./sandbox-sessions-double";
import { depsWithSessions, runVersion, seedSession, versionRow } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Lima", connect: false });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  resetEnv();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function runWith(behaviour: Partial<Record<string, StageBehaviour>>, beforeStage?: (stage: string) => void) {
  const double = sandboxSessionsDouble({ behaviour, beforeStage });
  setDeps(depsWithSessions(handle.db, double.sessions));
  const s = await seedSession(handle.db, world);
  const run = await runVersion(s);
  return { ...run, double, s, row: await versionRow(handle.db, s.versionId) };
}

/** Every limit ends the same way: FAILED with the reason, no live sandbox, creative/version.failed sent. */
function expectFailedCleanly(r: Awaited<ReturnType<typeof runWith>>, error: RegExp | string) {
  expect(r.row.status).toBe("FAILED");
  expect(r.row.error).toMatch(error);
  expect(r.double.calls.filter((c) => c.op === "create")).toHaveLength(1);
  expect(r.double.alive()).toEqual([]);
  expect(r.sent.map((e) => e.payload)).toEqual([expect.objectContaining({ name: "creative/version.failed", data: expect.objectContaining({ error: r.row.error }) })]);
}

describe("creative version limits: each fails the version clearly and deletes the sandbox", () => {
  it("a stage that times out", async () => {
    const r = await runWith({ hooks: "timeout" });
    expectFailedCleanly(r, `The hooks stage did not finish within ${STAGE_TIMEOUT_SECONDS.hooks} seconds`);
    expect(r.double.calls.find((c) => c.command === "node agent/main.mjs hooks")!.timeoutSeconds).toBe(STAGE_TIMEOUT_SECONDS.hooks);
    expect(r.row.stages.map((s) => [s.stage, s.status])).toEqual([["research", "done"], ["hooks", "failed"]]);
    expect(r.double.calls.some((c) => c.command === "node agent/main.mjs images")).toBe(false);
  });

  it("a stage that exits non-zero, with the agent's own sentence", async () => {
    const r = await runWith({ research: "exit-nonzero" });
    expectFailedCleanly(r, "The research stage failed (exit code 1): The brand site answered 500.");
  });

  it("an artifact over the size cap", async () => {
    const r = await runWith({ images: "oversized-image" });
    expectFailedCleanly(r, /^An output was too large to keep: out\/images\/hook-1-1200x628\.png is 9437184 bytes/);
    expect(await handle.db.select().from(creativeArtifacts).where(eq(creativeArtifacts.versionId, r.s.versionId))).toEqual([]);
  });

  it("the 10-minute budget: a version that used it up fails before its next stage", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // The research stage "takes" ten minutes on the clock.
    const r = await runWith({}, (stage) => {
      if (stage === "research") vi.setSystemTime(Date.now() + 10 * 60_000);
    });
    expectFailedCleanly(r, OVER_BUDGET_ERROR);
    expect(r.double.calls.some((c) => c.command === "node agent/main.mjs hooks")).toBe(false);
  });

  it("the 10-minute budget: a stage gets only the time left, and running out of it is the budget's failure", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const r = await runWith({ hooks: "timeout" }, (stage) => {
      if (stage === "research") vi.setSystemTime(Date.now() + 9 * 60_000);
    });
    expectFailedCleanly(r, OVER_BUDGET_ERROR);
    const hooksTimeout = r.double.calls.find((c) => c.command === "node agent/main.mjs hooks")!.timeoutSeconds!;
    expect(hooksTimeout).toBeLessThanOrEqual(60);
    expect(hooksTimeout).toBeGreaterThan(50);
  });

  it("a stage step that failed its last attempt still ends FAILED with the sandbox deleted", async () => {
    const double = sandboxSessionsDouble();
    setDeps(depsWithSessions(handle.db, double.sessions));
    const s = await seedSession(handle.db, world);
    const ctx = testCtx();
    const failing = [{ id: "stage-images", handler: () => double.sessions.exec("double-1", { command: "node agent/main.mjs images", timeoutSeconds: 1 }).then(() => { throw new Error("sandbox provider answered 502"); }) }];
    await new InngestTestEngine({
      function: generateCreativeVersion,
      events: [creativeGenerationRequested.create({ organizationId: s.organizationId, sessionId: s.sessionId, versionId: s.versionId }) as never],
      steps: failing,
      transformCtx: ctx.transformCtx,
    }).execute();
    const row = await versionRow(handle.db, s.versionId);
    // @inngest/test hands a mocked step's error back as an undefined result rather than rethrowing it
    // as the engine does on the last attempt, so the recorded sentence differs here; the ending must not.
    expect(row.status).toBe("FAILED");
    expect(row.error).toEqual(expect.any(String));
    expect(double.alive()).toEqual([]);
    expect(ctx.sent.map((e) => (e.payload as { name: string }).name)).toEqual(["creative/version.failed"]);
  });

  it("passes the key only to the stage commands, and keeps it out of step outputs even when a stage prints it", async () => {
    const key = "sk-ant-api03-test-key-never-logged";
    vi.stubEnv("ANTHROPIC_API_KEY", key);
    resetEnv();
    const r = await runWith({ hooks: "leak-key" });
    expect(r.row.status).toBe("COMPLETED");
    const execs = r.double.calls.filter((c) => c.op === "exec");
    expect(execs.find((c) => c.command === "node --version")!.env?.ANTHROPIC_API_KEY).toBeUndefined();
    expect(execs.filter((c) => c.command!.startsWith("node agent/")).every((c) => c.env?.ANTHROPIC_API_KEY === key)).toBe(true);
    expect(execs.every((c) => !c.command!.includes(key))).toBe(true);
    // Every step's memoized output, as the engine would store it.
    const outputs = await Promise.all(Object.values(r.state).map((p) => p.catch((e: unknown) => String(e))));
    expect(outputs).toContainEqual(expect.objectContaining({ ok: true, stage: "hooks", tail: expect.stringContaining("debug: key is [redacted]") }));
    const everything = JSON.stringify({ outputs, result: r.result, row: r.row });
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain("test-key-never-logged");
  });
});

describe("cancellation (cancelOn or the finish timeout) through the engine's inngest/function.cancelled", () => {
  async function cancelMidRun(startedAgoMs: number) {
    const double = sandboxSessionsDouble();
    setDeps(depsWithSessions(handle.db, double.sessions));
    const s = await seedSession(handle.db, world);
    // The run got as far as its sandbox before the engine stopped it.
    const { id } = await double.sessions.create({ labels: { app: "aigency", creativeVersionId: s.versionId } });
    const other = await double.sessions.create({ labels: { app: "aigency", creativeVersionId: "some-other-version" } });
    await handle.db.update(creativeVersions).set({ status: "RUNNING", startedAt: new Date(Date.now() - startedAgoMs), sandboxId: id }).where(eq(creativeVersions.id, s.versionId));
    const ctx = testCtx();
    const cancelled = {
      name: "inngest/function.cancelled",
      data: { function_id: "aigency-generate-creative-version", run_id: "01RUN", event: { name: "creative/generation.requested", data: { organizationId: s.organizationId, sessionId: s.sessionId, versionId: s.versionId } } },
    };
    const { result, error } = await new InngestTestEngine({ function: recordCreativeCancellation, events: [cancelled as never], transformCtx: ctx.transformCtx }).execute();
    return { result, error, double, id, other: other.id, row: await versionRow(handle.db, s.versionId), sent: ctx.sent };
  }

  it("deletes the sandbox found by label and marks the version FAILED, cancelled", async () => {
    const r = await cancelMidRun(60_000);
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual({ outcome: "recorded", deletedSandboxes: 1 });
    expect(r.double.alive()).toEqual([r.other]);
    expect(r.row).toMatchObject({ status: "FAILED", error: "The version was cancelled" });
    expect(r.sent.map((e) => e.payload)).toEqual([expect.objectContaining({ name: "creative/version.failed" })]);
  });

  it("says the version took longer than 10 minutes when the finish timeout stopped it", async () => {
    const r = await cancelMidRun(10 * 60_000 + 5_000);
    expect(r.row).toMatchObject({ status: "FAILED", error: OVER_BUDGET_ERROR });
    expect(r.double.alive()).toEqual([r.other]);
  });

  it("ignores another function's cancellation", async () => {
    const ctx = testCtx();
    const other = { name: "inngest/function.cancelled", data: { function_id: "aigency-deploy-campaign", run_id: "01RUN", event: { name: "x", data: {} } } };
    const { result } = await new InngestTestEngine({ function: recordCreativeCancellation, events: [other as never], transformCtx: ctx.transformCtx }).execute();
    expect(result).toEqual({ outcome: "not-a-creative-run" });
  });
});
