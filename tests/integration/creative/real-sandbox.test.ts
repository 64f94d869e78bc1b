import { readdir } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { creativeArtifacts, sandboxColdStarts } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { planLocalTemplate, prepareLocalTemplate } from "@/server/sandbox/local/prepare-template";
import { readTemplateSource } from "@/server/sandbox/template-source";
import { findTemplate } from "@/server/sandbox/templates";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { removeRoot, tempRoot } from "../sandbox-programs/support/agent-harness";
import { type BrandSite, startBrandSite } from "../sandbox-programs/support/brand-site";
import { pngSize } from "../sandbox-programs/support/png";
import { resume, runVersion, seedSession, versionRow } from "./support";

// The whole version for real: the local sandbox (a directory and child processes per exec) running
// the real agent program from the creative-agent template the snapshot builder prepares, against a local brand site, offline.
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
let root: string;
let site: BrandSite;
let sandboxesDir: string;

beforeAll(async () => {
  vi.stubEnv("ANTHROPIC_API_KEY", ""); // a developer's own key must not turn this into model calls
  resetEnv();
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Rhea", connect: false });
  root = await tempRoot();
  site = await startBrandSite();
  // Prepared by the snapshot builder's own function: the template's files, its packages, the ready marker last.
  const templatesDir = path.join(root, "templates");
  await prepareLocalTemplate(planLocalTemplate(await readTemplateSource(findTemplate("creative-agent"))), { root: templatesDir });
  sandboxesDir = path.join(root, "sandboxes");
  setDeps(embeddedDeps(handle.db, { sandbox: createLocalSandbox({ baseDir: sandboxesDir, templatesDir }) }));
}, 60_000);
afterAll(async () => {
  setDeps();
  vi.unstubAllEnvs();
  resetEnv();
  await site?.close();
  await handle?.close();
  await removeRoot(root);
});

describe("a creative version in the real local sandbox with the real agent", () => {
  it("v1 makes research, hooks and PNGs; v2 'make the hooks more emotional' reuses the research byte for byte; no sandbox is left", async () => {
    const storage = embeddedDeps(handle.db).services.storage;
    const s = await seedSession(handle.db, world, site.url());
    const first = await runVersion(s);
    expect(first.error).toBeUndefined();
    const v1 = await versionRow(handle.db, s.versionId);
    expect(v1).toMatchObject({ status: "COMPLETED", generator: "offline", sandboxKind: "local", error: null });
    expect(v1.stages.map((st) => st.status)).toEqual(["done", "done", "done", "done"]);
    const research = await storage.get(`artifacts/${s.sessionId}/v1/research.md`);
    expect(research.toString()).toMatch(/20% off your first box/);
    expect(pngSize(await storage.get(`artifacts/${s.sessionId}/v1/images/hook-1-1200x628.png`))).toEqual({ width: 1200, height: 628 });
    expect(pngSize(await storage.get(`artifacts/${s.sessionId}/v1/images/hook-5-1080x1080.png`))).toEqual({ width: 1080, height: 1080 });
    const [cold] = await handle.db.select().from(sandboxColdStarts).where(eq(sandboxColdStarts.purpose, "creative-version"));
    expect(cold).toMatchObject({ kind: "local", snapshot: "creative-agent", coldStartMs: expect.any(Number) });

    const v2 = await resume(handle.db, s, "make the hooks more emotional");
    const second = await runVersion(v2);
    expect(second.error).toBeUndefined();
    const row = await versionRow(handle.db, v2.versionId);
    expect(row).toMatchObject({ status: "COMPLETED", hydratedFromVersionId: s.versionId });
    expect(row.stages.map((st) => [st.stage, st.status])).toEqual([["research", "skipped"], ["hooks", "done"], ["image-prompts", "done"], ["images", "done"]]);
    expect((await storage.get(`artifacts/${s.sessionId}/v2/research.md`)).equals(research)).toBe(true);
    const hooksV1 = (await storage.get(`artifacts/${s.sessionId}/v1/hooks.json`)).toString();
    const hooksV2 = (await storage.get(`artifacts/${s.sessionId}/v2/hooks.json`)).toString();
    expect(hooksV2).not.toBe(hooksV1);
    const arts = await handle.db.select().from(creativeArtifacts).where(eq(creativeArtifacts.versionId, v2.versionId));
    expect(arts.filter((a) => a.reusedFromVersionId === s.versionId).map((a) => a.name).sort()).toEqual(["research.json", "research.md"]);
    expect(arts.filter((a) => a.kind === "IMAGE")).toHaveLength(10);

    expect(await readdir(sandboxesDir).catch(() => [])).toEqual([]);
  }, 120_000);

  it("a brand site that cannot be reached fails the version with the agent's own sentence, and the sandbox is deleted", async () => {
    const closed = new URL(site.url());
    closed.port = "1"; // nothing listens on port 1
    const s = await seedSession(handle.db, world, closed.toString());
    const run = await runVersion(s);
    expect(run.error).toBeUndefined();
    const row = await versionRow(handle.db, s.versionId);
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/^The research stage failed \(exit code [1-9]\d*\): \S.+/);
    expect(row.stages.map((st) => [st.stage, st.status])).toEqual([["research", "failed"]]);
    expect(await readdir(sandboxesDir).catch(() => [])).toEqual([]);
  }, 60_000);
});
