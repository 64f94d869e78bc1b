import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxSnapshots } from "@/server/db/schema";
import { buildSandboxSnapshot } from "@/server/sandbox/build-snapshot";
import { findTemplate, READY_MARKER, type TemplateConfig } from "@/server/sandbox/templates";
import { createTestDb } from "../../support/db";

const run = promisify(execFile);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let dataDir: string;
let fixtures: string;

beforeAll(async () => {
  handle = await createTestDb();
  dataDir = await mkdtemp(path.join(tmpdir(), "aigency-templates-"));
  fixtures = await mkdtemp(path.join(tmpdir(), "aigency-template-src-"));
});
afterAll(async () => {
  await handle?.close();
  for (const dir of [dataDir, fixtures]) if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({ DAYTONA_API_KEY: undefined, DAYTONA_API_URL: "https://unused.test", DATA_DIR: dataDir });
const dirOf = (name: string) => path.join(dataDir, "sandbox-templates", name);

/** The real creative-agent template source, copied so a test can edit or lose rules files. */
async function creativeSource(opts: { rules?: Record<string, string>; remove?: string[] } = {}): Promise<TemplateConfig> {
  const dir = await mkdtemp(path.join(fixtures, "creative-"));
  await cp(path.resolve(findTemplate("creative-agent").sourceDir), dir, { recursive: true });
  for (const [file, text] of Object.entries(opts.rules ?? {})) {
    await mkdir(path.join(dir, "rules"), { recursive: true });
    await writeFile(path.join(dir, "rules", file), text);
  }
  for (const file of opts.remove ?? []) await rm(path.join(dir, file));
  return { ...findTemplate("creative-agent"), sourceDir: dir };
}

const rows = () => handle.db.select().from(sandboxSnapshots).orderBy(sandboxSnapshots.createdAt);

describe("the local template directory (real copy from the app's node_modules, real processes)", () => {
  it("prepares the template, verifies it, and the canvas package loads and draws from it alone", async () => {
    const template = await creativeSource({ rules: { "hooks.md": "# Hooks\n" } });
    const outcome = await buildSandboxSnapshot({ db: handle.db, env: env(), templates: [template] });
    expect(outcome).toMatchObject({ kind: "local", status: "active" });
    const dir = dirOf("creative-agent");
    const ready = JSON.parse(await readFile(path.join(dir, READY_MARKER), "utf8")) as { hash: string };
    expect(ready.hash).toMatch(/^[0-9a-f]{64}$/);
    await stat(path.join(dir, "node_modules/@napi-rs/canvas-linux-x64-gnu/package.json"));
    await stat(path.join(dir, "node_modules/node-html-parser/node_modules/entities/package.json"));
    expect(await readFile(path.join(dir, "rules/hooks.md"), "utf8")).toBe("# Hooks\n");
    const [row] = await rows();
    expect(row!.verification).toMatchObject({ passed: true, tools: { node: true, npm: true }, rulesFiles: {
      "creative-agent/rules/brand-voice.md": true, "creative-agent/rules/hooks.md": true, "creative-agent/rules/images.md": true, "creative-agent/rules/research.md": true,
    } });

    // Outside the app (cwd in /tmp, no NODE_PATH): only the template's own node_modules can answer.
    const script = [
      'const { createRequire } = require("node:module");',
      'const req = createRequire(require("node:path").join(process.env.AIGENCY_TEMPLATE_DIR, "package.json"));',
      'const { createCanvas } = req("@napi-rs/canvas"); const c = createCanvas(4, 4); c.getContext("2d").fillRect(0, 0, 4, 4);',
      'const png = c.toBuffer("image/png"); console.log(req.resolve("@napi-rs/canvas"), png.subarray(1, 4).toString());',
    ].join(" ");
    const { stdout } = await run("node", ["-e", script], { cwd: tmpdir(), env: { PATH: process.env.PATH, AIGENCY_TEMPLATE_DIR: dir } as Record<string, string> as NodeJS.ProcessEnv });
    expect(stdout.trim()).toBe(`${path.join(dir, "node_modules/@napi-rs/canvas/index.js")} PNG`);

    // Same recipe: no work, the directory untouched.
    const before = await stat(path.join(dir, READY_MARKER));
    expect(await buildSandboxSnapshot({ db: handle.db, env: env(), templates: [template] })).toMatchObject({ status: "already-active", snapshotId: outcome.snapshotId });
    expect((await stat(path.join(dir, READY_MARKER))).mtimeMs).toBe(before.mtimeMs);
    expect(await rows()).toHaveLength(1);
  });

  it("a failed verification keeps the previous template directory and its ACTIVE row", async () => {
    const previousHash = JSON.parse(await readFile(path.join(dirOf("creative-agent"), READY_MARKER), "utf8")).hash as string;
    const broken = await creativeSource({ rules: { "hooks.md": "# Hooks, edited\n" }, remove: ["rules/images.md"] });
    const outcome = await buildSandboxSnapshot({ db: handle.db, env: env(), templates: [broken] });
    expect(outcome).toMatchObject({ status: "failed" });
    expect(outcome.status === "failed" && outcome.error).toBe("Verification failed: creative-agent: rules file rules/images.md is missing");
    expect((await rows()).map((r) => r.status)).toEqual(["ACTIVE", "FAILED"]);
    const dir = dirOf("creative-agent");
    expect(JSON.parse(await readFile(path.join(dir, READY_MARKER), "utf8")).hash).toBe(previousHash);
    expect(await readFile(path.join(dir, "rules/hooks.md"), "utf8")).toBe("# Hooks\n");
    // Neither the failed build nor the directory it displaced is left behind.
    expect(await readdir(path.join(dataDir, "sandbox-templates"))).toEqual(["creative-agent"]);
  });

  it("a changed template is prepared again and replaces the previous one, which is RETIRED", async () => {
    // What a build that died half-way would have left: cleared by the next build.
    await mkdir(path.join(dataDir, "sandbox-templates", ".build-creative-agent-dead"));
    const changed = await creativeSource({ rules: { "hooks.md": "# Hooks, second edition\n" } });
    expect(await buildSandboxSnapshot({ db: handle.db, env: env(), templates: [changed] })).toMatchObject({ status: "active" });
    expect((await rows()).map((r) => r.status)).toEqual(["RETIRED", "FAILED", "ACTIVE"]);
    expect(await readFile(path.join(dirOf("creative-agent"), "rules/hooks.md"), "utf8")).toBe("# Hooks, second edition\n");
    expect(await readdir(path.join(dataDir, "sandbox-templates"))).toEqual(["creative-agent"]);
  });

  it("the app starter: Next.js, React and React DOM at the app's versions load from its directory alone", async () => {
    const appData = await mkdtemp(path.join(fixtures, "app-data-"));
    const starter = findTemplate("app-starter");
    const outcome = await buildSandboxSnapshot({ db: handle.db, env: { ...env(), DATA_DIR: appData }, templates: [starter] });
    expect(outcome).toMatchObject({ status: "active" });
    const dir = path.join(appData, "sandbox-templates", "app-starter");
    const script = [
      'const req = require("node:module").createRequire(process.argv[1] + "/package.json");',
      'const { renderToStaticMarkup } = req("react-dom/server"); const React = req("react");',
      'console.log(req("next/package.json").version, renderToStaticMarkup(React.createElement("h1", null, "Your new app")));',
    ].join(" ");
    const { stdout } = await run("node", ["-e", script, dir], { cwd: tmpdir(), env: { PATH: process.env.PATH } as Record<string, string> as NodeJS.ProcessEnv });
    expect(stdout.trim()).toBe("16.4.5 <h1>Your new app</h1>");
    await stat(path.join(dir, "app/page.tsx"));
  });
});
