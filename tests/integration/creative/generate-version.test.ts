import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creativeArtifacts, creativeHooks, sandboxColdStarts } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { sandboxSessionsDouble } from "./sandbox-sessions-double";
import { depsWithSessions, resume, runVersion, seedSession, versionRow } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Cora", connect: false });
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const storage = () => embeddedDeps(handle.db).services.storage;

describe("generate-creative-version", () => {
  it("runs v1 stage by stage in one sandbox, stores every output under v1/, records cost, and deletes the sandbox", async () => {
    const double = sandboxSessionsDouble();
    setDeps(depsWithSessions(handle.db, double.sessions));
    const s = await seedSession(handle.db, world);
    const { result, error, sent } = await runVersion(s);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "completed" });

    const v = await versionRow(handle.db, s.versionId);
    expect(v.status).toBe("COMPLETED");
    expect(v.stages.map((st) => [st.stage, st.status])).toEqual([["research", "done"], ["hooks", "done"], ["image-prompts", "done"], ["images", "done"]]);
    expect(v).toMatchObject({ inputTokens: 400, outputTokens: 200, generator: "offline", hydratedFromVersionId: null, sandboxId: "double-1" });
    expect(v.durationMs).toBeGreaterThanOrEqual(0);
    expect(v.costMicros).toBeGreaterThanOrEqual(0);

    const commands = double.calls.filter((c) => c.op === "exec").map((c) => c.command);
    expect(commands).toEqual(["node --version", ...["research", "hooks", "image-prompts", "images"].map((st) => `node agent/main.mjs ${st}`)]);
    const uploaded = double.calls.find((c) => c.op === "upload")!.paths;
    // The real agent program's files, then its input; nothing reused for a first version.
    expect(uploaded).toEqual(expect.arrayContaining(["agent/main.mjs", "agent/research.mjs", "agent/images.mjs", "input.json"]));
    expect(uploaded!.filter((p) => p.startsWith("out/"))).toEqual([]);
    expect(double.alive()).toEqual([]);
    expect(double.calls.filter((c) => c.op === "delete")).toHaveLength(1);

    const arts = await handle.db.select().from(creativeArtifacts).where(eq(creativeArtifacts.versionId, s.versionId));
    expect(arts).toHaveLength(5 + 10);
    expect(arts.every((a) => a.storageKey === `artifacts/${s.sessionId}/v1/${a.name}` && a.reusedFromVersionId === null)).toBe(true);
    expect((await storage().get(`artifacts/${s.sessionId}/v1/images/hook-2-1080x1080.png`)).toString()).toBe("PNG hook 2 1080x1080 v1");
    const hooks = await handle.db.select().from(creativeHooks).where(eq(creativeHooks.versionId, s.versionId));
    expect(hooks.map((h) => h.headline).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Hook ${n} from v1`));
    const cold = await handle.db.select().from(sandboxColdStarts).where(eq(sandboxColdStarts.purpose, "creative-version"));
    expect(cold.length).toBeGreaterThanOrEqual(1);
    expect(sent.map((e) => (e.payload as { name: string }).name)).toEqual(["creative/version.completed"]);
  });

  it("v2 after 'make the hooks more emotional' reuses v1's research and redoes hooks and images; storage holds v1/ and v2/", async () => {
    const double = sandboxSessionsDouble();
    setDeps(depsWithSessions(handle.db, double.sessions));
    const s = await seedSession(handle.db, world);
    await runVersion(s);
    const v2 = await resume(handle.db, s, "make the hooks more emotional");
    const { result } = await runVersion(v2);
    expect(result).toMatchObject({ outcome: "completed" });

    const row = await versionRow(handle.db, v2.versionId);
    expect(row.plan).toMatchObject({ research: false, hooks: "all", images: "all" });
    expect(row.hydratedFromVersionId).toBe(s.versionId);
    expect(row.stages.map((st) => [st.stage, st.status])).toEqual([["research", "skipped"], ["hooks", "done"], ["image-prompts", "done"], ["images", "done"]]);
    // The research came in from storage (uploaded into out/) and was not run again.
    const secondUpload = double.calls.filter((c) => c.op === "upload")[1]!.paths!;
    expect(secondUpload).toEqual(expect.arrayContaining(["out/research.md", "out/research.json", "out/hooks.json"]));
    expect(double.calls.filter((c) => c.command === "node agent/main.mjs research")).toHaveLength(1);

    const arts = await handle.db.select().from(creativeArtifacts).where(eq(creativeArtifacts.versionId, v2.versionId));
    const byName = Object.fromEntries(arts.map((a) => [a.name, a]));
    expect(byName["research.md"]!.reusedFromVersionId).toBe(s.versionId);
    expect(byName["research.json"]!.reusedFromVersionId).toBe(s.versionId);
    expect(byName["hooks.json"]!.reusedFromVersionId).toBeNull();
    expect(byName["images/hook-1-1200x628.png"]!.reusedFromVersionId).toBeNull();
    expect((await storage().get(`artifacts/${s.sessionId}/v1/research.md`)).toString()).toBe((await storage().get(`artifacts/${s.sessionId}/v2/research.md`)).toString());
    expect((await storage().get(`artifacts/${s.sessionId}/v1/hooks.md`)).toString()).toMatch(/from v1/);
    expect((await storage().get(`artifacts/${s.sessionId}/v2/hooks.md`)).toString()).toMatch(/from v2/);
    expect((await storage().get(`artifacts/${s.sessionId}/v2/images/hook-3-1200x628.png`)).toString()).toBe("PNG hook 3 1200x628 v2");
    const hooks = await handle.db.select().from(creativeHooks).where(eq(creativeHooks.versionId, v2.versionId));
    expect(hooks.every((h) => h.reusedFromVersionId === null && h.headline.endsWith("from v2"))).toBe(true);
    expect(double.alive()).toEqual([]);
  });

  it("feedback on hooks 2 and 4 redoes only those hooks and their images; the rest is recorded as reused", async () => {
    const double = sandboxSessionsDouble();
    setDeps(depsWithSessions(handle.db, double.sessions));
    const s = await seedSession(handle.db, world);
    await runVersion(s);
    const v2 = await resume(handle.db, s, "hooks 2 and 4 are too long");
    await runVersion(v2);
    const hooks = await handle.db.select().from(creativeHooks).where(eq(creativeHooks.versionId, v2.versionId));
    const reused = hooks.filter((h) => h.reusedFromVersionId === s.versionId).map((h) => h.number).sort();
    expect(reused).toEqual([1, 3, 5]);
    const images = await handle.db.select().from(creativeArtifacts).where(and(eq(creativeArtifacts.versionId, v2.versionId), eq(creativeArtifacts.kind, "IMAGE")));
    expect(images.filter((a) => a.reusedFromVersionId === null).map((a) => a.hookNumber).sort()).toEqual([2, 2, 4, 4]);
    expect(images.filter((a) => a.reusedFromVersionId === s.versionId)).toHaveLength(6);
  });

  it("hydrates from the last COMPLETED version, passing over a FAILED latest one", async () => {
    const double = sandboxSessionsDouble();
    setDeps(depsWithSessions(handle.db, double.sessions));
    const s = await seedSession(handle.db, world);
    await runVersion(s);
    const v2 = await resume(handle.db, s, "make the hooks more emotional");
    setDeps(depsWithSessions(handle.db, sandboxSessionsDouble({ behaviour: { hooks: "exit-nonzero" } }).sessions));
    await runVersion(v2);
    expect((await versionRow(handle.db, v2.versionId)).status).toBe("FAILED");

    setDeps(depsWithSessions(handle.db, double.sessions));
    const v3 = await resume(handle.db, s, "brighter colours please");
    await runVersion(v3);
    const row = await versionRow(handle.db, v3.versionId);
    expect(row.status).toBe("COMPLETED");
    expect(row.hydratedFromVersionId).toBe(s.versionId);
    const hooks = await handle.db.select().from(creativeHooks).where(eq(creativeHooks.versionId, v3.versionId));
    expect(hooks.every((h) => h.reusedFromVersionId === s.versionId && h.headline.endsWith("from v1"))).toBe(true);
  });
});
