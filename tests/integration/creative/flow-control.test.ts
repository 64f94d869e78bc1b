import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateCreativeVersion } from "@/inngest/functions/creative/generate-creative-version";
import { recordCreativeCancellation } from "@/inngest/functions/creative/record-creative-cancellation";
import { creativeVersions } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { seedWorld } from "../campaigns/support";
import { sandboxSessionsDouble } from "./sandbox-sessions-double";
import { createVersionSandbox } from "@/server/creative/sandbox-lifecycle";
import { depsWithSessions, seedSession, versionRow } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

type Config = { id: string; concurrency?: unknown; cancel?: unknown; timeouts?: unknown; triggers: { event?: string; expression?: string }[] };
const configOf = (fn: unknown) =>
  (fn as { getConfig: (o: object) => Config[] }).getConfig({ baseUrl: new URL("http://app/api/inngest"), appPrefix: "aigency" });

describe("generate-creative-version flow control, as the engine is told it", () => {
  it("runs one version per session at a time, is cancelled by its version's cancel request, and finishes within 10 minutes", () => {
    const [main, failure] = configOf(generateCreativeVersion);
    expect(main!.id).toBe("aigency-generate-creative-version");
    expect(main!.triggers).toEqual([{ event: "creative/generation.requested" }]);
    expect(main!.concurrency).toEqual({ key: "event.data.sessionId", limit: 1 });
    expect(main!.cancel).toEqual([{ event: "creative/version.cancel-requested", if: "event.data.versionId == async.data.versionId" }]);
    expect(main!.timeouts).toEqual({ finish: "10m" });
    expect(failure!.triggers[0]!.event).toBe("inngest/function.failed");
  });

  it("listens to the engine's cancellations of that function only", () => {
    const [cancelled] = configOf(recordCreativeCancellation);
    expect(cancelled!.triggers).toEqual([{ event: "inngest/function.cancelled", expression: "event.data.function_id == 'aigency-generate-creative-version'" }]);
  });

  it("onFailure deletes the version's sandbox by label and records the crash", async () => {
    const double = sandboxSessionsDouble();
    const deps = depsWithSessions(handle.db, double.sessions);
    setDeps(deps);
    const world = await seedWorld(handle.db, { name: "Faye", connect: false });
    const s = await seedSession(handle.db, world);
    await double.sessions.create({ labels: { creativeVersionId: s.versionId } });
    await handle.db.update(creativeVersions).set({ status: "RUNNING", startedAt: new Date() }).where(eq(creativeVersions.id, s.versionId));
    const sendEvent = vi.fn(async () => ({ ids: [] }));
    const onFailure = (generateCreativeVersion as unknown as { onFailureFn: (ctx: unknown) => Promise<unknown> }).onFailureFn;
    const error = new Error("database unreachable\n    at somewhere.ts:1");
    const out = await onFailure({
      event: { name: "inngest/function.failed", data: { error, event: { name: "creative/generation.requested", data: s } } },
      error,
      deps,
      step: { run: (_id: string, fn: () => unknown) => fn(), sendEvent },
    });
    expect(out).toEqual({ recorded: true });
    expect(double.alive()).toEqual([]);
    expect(await versionRow(handle.db, s.versionId)).toMatchObject({ status: "FAILED", error: "The version could not be made: database unreachable" });
    expect(sendEvent).toHaveBeenCalledWith("emit-version-failed", expect.objectContaining({ name: "creative/version.failed" }));
  });

  it("a retried create-sandbox step first deletes the sandbox its failed attempt left, then records the cold start", async () => {
    const double = sandboxSessionsDouble();
    const deps = depsWithSessions(handle.db, double.sessions);
    const world = await seedWorld(handle.db, { name: "Gus", connect: false });
    const s = await seedSession(handle.db, world);
    const leftover = await double.sessions.create({ labels: { creativeVersionId: s.versionId } });
    const created = await createVersionSandbox({ db: handle.db, sandbox: deps.services.sandbox }, { versionId: s.versionId });
    expect(created).toMatchObject({ ok: true, coldStartMs: expect.any(Number) });
    expect(double.alive()).toEqual([created.id]);
    expect(created.id).not.toBe(leftover.id);
    expect(await versionRow(handle.db, s.versionId)).toMatchObject({ sandboxId: created.id, sandboxKind: "local" });
  });
});
