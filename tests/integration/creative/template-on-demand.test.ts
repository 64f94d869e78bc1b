import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/env";
import { creativeGenerationRequested } from "@/inngest/events";
import { generateCreativeVersion } from "@/inngest/functions/creative/generate-creative-version";
import { setDeps } from "@/server/deps";
import { buildSandboxSnapshot } from "@/server/sandbox/build-snapshot";
import { findTemplate } from "@/server/sandbox/templates";
import { createLocalSandbox } from "@/server/services/sandbox/local-sandbox";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx } from "../campaigns/support";
import { removeRoot, tempRoot } from "../sandbox-programs/support/agent-harness";
import { startBrandSite, type BrandSite } from "../sandbox-programs/support/brand-site";
import { seedSession, versionRow } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let root: string;
let site: BrandSite;
beforeAll(async () => {
  vi.stubEnv("ANTHROPIC_API_KEY", "");
  resetEnv();
  handle = await createTestDb();
  root = await tempRoot();
  site = await startBrandSite();
}, 60_000);
afterAll(async () => {
  setDeps();
  vi.unstubAllEnvs();
  resetEnv();
  await site?.close();
  await handle?.close();
  await removeRoot(root);
});

describe("a creative version on a machine whose sandbox template was never prepared", () => {
  it("asks the build function (one build queue) to prepare it, then creates the sandbox and finishes", async () => {
    const dataDir = path.join(root, "fresh-data");
    const templatesDir = path.join(dataDir, "sandbox-templates");
    setDeps(embeddedDeps(handle.db, { sandbox: createLocalSandbox({ baseDir: path.join(root, "sandboxes"), templatesDir }) }));
    const world = await seedWorld(handle.db, { name: "Fresh", connect: false });
    const s = await seedSession(handle.db, world, site.url());
    const builds: unknown[] = [];
    const { error, result } = await new InngestTestEngine({
      function: generateCreativeVersion,
      events: [creativeGenerationRequested.create(s, { id: s.versionId }) as never],
      transformCtx: testCtx().transformCtx,
      // The invoked build function, run for real on this machine's fresh DATA_DIR (the creative template only, for speed).
      steps: [
        {
          id: "prepare-sandbox-template",
          handler: async () => {
            const outcome = await buildSandboxSnapshot({ db: handle.db, env: { DATA_DIR: dataDir, DAYTONA_API_KEY: undefined, DAYTONA_API_URL: "https://app.daytona.io/api" }, templates: [findTemplate("creative-agent")] });
            builds.push(outcome);
            return outcome;
          },
        },
      ],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "completed" });
    expect(builds).toEqual([expect.objectContaining({ kind: "local", status: "active" })]);
    expect(await versionRow(handle.db, s.versionId)).toMatchObject({ status: "COMPLETED", sandboxKind: "local" });
  }, 120_000);
});
