import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrateApp } from "@/server/appgen/agents/integration-agent";
import { generatePage } from "@/server/appgen/agents/page-agent";
import { INTEGRATION_SCOPE, checkAgentFiles, pageScope } from "@/server/appgen/agents/scope";
import { STARTER_DIR, STARTER_FILES, scaffoldFiles } from "@/server/appgen/agents/site/scaffold";
import type { GeneratedFile } from "@/server/appgen/agents/types";
import type { DbHandle } from "@/server/db/client";
import { organizations } from "@/server/db/schema";
import { createOfflineLlm, type LlmService } from "@/server/services/llm";
import { createTestDb } from "../../support/db";
import { linkNodeModules, run, writeApp } from "./support/build-app";
import { threePageSpec } from "./support/three-page-spec";

let handle: DbHandle;
let llm: LlmService;
let orgId: string;
let dir: string;

beforeAll(async () => {
  handle = await createTestDb();
  const [org] = await handle.db.insert(organizations).values({ name: "Crumb" }).returning();
  orgId = org!.id;
  llm = createOfflineLlm({ db: handle.db });
  dir = mkdtempSync(path.join(os.tmpdir(), "appgen-build-"));
});
afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const usage = (key: string) => ({ organizationId: orgId, runId: "run-build", dedupeKey: `build:${key}`, feature: "app-generation" as const });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} never answered`);
}

describe("a generated app, offline agents end to end", () => {
  it("builds with next build and serves its pages and action routes", { timeout: 300_000 }, async () => {
    const spec = threePageSpec();
    const files: GeneratedFile[] = [];
    for (const page of spec.pages) {
      const out = await generatePage(llm, { spec, page, usage: usage(page.pageId) });
      const { accepted, rejected } = checkAgentFiles(out.files, pageScope(page));
      expect(rejected).toEqual([]);
      files.push(...accepted);
    }
    const pages = spec.pages.map((p) => ({ pageId: p.pageId, route: p.route, name: p.name, files: files.filter((f) => f.path.includes(p.pageId) || f.path === "app/page.tsx").map((f) => f.path) }));
    const shared = await integrateApp(llm, { spec, pages, usage: usage("integration") });
    const integration = checkAgentFiles(shared.files, INTEGRATION_SCOPE);
    expect(integration.rejected).toEqual([]);
    files.push(...integration.accepted, ...scaffoldFiles(spec));
    files.push(...STARTER_FILES.map((name) => ({ path: name, content: readFileSync(path.join(STARTER_DIR, name), "utf8") })));

    writeApp(dir, files);
    linkNodeModules(dir);
    const build = await run("npx", ["next", "build"], { cwd: dir, timeoutMs: 180_000 });
    expect(build.output).toMatch(/Compiled successfully|Finished TypeScript/);
    expect(build.code, build.output.slice(-4000)).toBe(0);

    for (const html of ["index.html", "pricing.html", "about.html"]) expect(existsSync(path.join(dir, ".next/server/app", html))).toBe(true);
    const routes = Object.values(JSON.parse(readFileSync(path.join(dir, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>);
    expect(routes).toEqual(expect.arrayContaining(["/", "/pricing", "/about", "/api/actions/signup", "/api/actions/contact"]));

    const port = await freePort();
    const server = spawn(path.join(dir, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, stdio: "ignore" });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForServer(base, Date.now() + 60_000);
      const about = await (await fetch(`${base}/about`)).text();
      expect(about).toContain("About Crumb &amp; Co");
      // The layout's title template applies below the root segment, so the home page keeps its own title.
      expect(about).toContain("<title>About Us | Crumb | Crumb &amp; Co</title>");
      expect(about).not.toContain("alert(");
      expect(about).toContain('action="/api/actions/contact"');
      const home = await (await fetch(`${base}/`)).text();
      expect(home).toContain("<title>Crumb &amp; Co — Sourdough delivered</title>");
      expect(home).toContain('href="/about"');

      const form = await fetch(`${base}/api/actions/contact`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", referer: `${base}/about` },
        body: "name=Ann&email=ann%40example.com",
      });
      expect(form.status).toBe(303);
      expect(form.headers.get("location")).toBe("/about?sent=contact");
      // A forged referer cannot turn the redirect into one to another site.
      const forged = await fetch(`${base}/api/actions/contact`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", referer: "https://evil.example//evil.example/phish" },
        body: "name=Ann",
      });
      expect(forged.headers.get("location")).toBe("/evil.example/phish?sent=contact");
      const bad = await fetch(`${base}/api/actions/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "nope" }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ ok: false, action: "signup", error: expect.stringContaining('"email"') });
    } finally {
      server.kill("SIGTERM");
    }
  });
});
