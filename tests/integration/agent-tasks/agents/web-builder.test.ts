import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import yazl from "yazl";
import { runAgent } from "@/server/agent-tasks/agents";
import { shortenHeading, shortenParagraph } from "@/server/agent-tasks/agents/web-builder/hero-edit";
import type { Deps } from "@/server/deps";
import { createLlm } from "@/server/services/llm";
import { LlmOutputError } from "@/server/services/llm/types";
import { createAnthropicFake } from "../../../mocks/anthropic";
import { createTestDb } from "../../../support/db";
import { embeddedDeps, seedWorld, type World } from "../../campaigns/support";
import { seedFinishedJob } from "../../appgen/jobs-support";
import { issueInput, recordingLog } from "./support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let deps: Deps;
let world: World;
const ASK = { title: "Make the landing page's hero shorter" };

const HOME = `export default function Home() {
  return (
    <main>
      <section className="hero">
        <h1 className="text-5xl font-bold">Fresh sourdough, baked at dawn and at your door by eight every morning</h1>
        <p className="mt-4 text-lg">A neighbourhood bakery in Austin. We bake every loaf at 5am and deliver it by 8am, so your family starts the day with real bread.</p>
        <a href="/subscribe">Subscribe</a>
      </section>
    </main>
  );
}
`;
const SOURCE: Record<string, string> = {
  "app/page.tsx": HOME,
  "app/layout.tsx": "export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n",
  "package.json": '{ "name": "corner-bakery", "private": true }\n',
  "node_modules/left-pad/index.js": "module.exports = () => 'never uploaded';\n",
};

/** A stored app ZIP as the appgen pipeline leaves one (made with yazl, like the real packager's output). */
function appZip(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
  });
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  deps = embeddedDeps(handle.db);
  world = await seedWorld(handle.db, { name: "Wes", connect: false });
});
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  await handle?.close();
});

describe("web-builder agent", () => {
  it("shortens heading and paragraph the way the offline model does", () => {
    expect(shortenHeading("Fresh sourdough, baked at dawn and at your door by eight")).toBe("Fresh sourdough");
    expect(shortenHeading("Bread that makes every single breakfast better")).toBe("Bread that makes every");
    expect(shortenParagraph("One. Two three.")).toBe("One.");
  });

  it("says to generate the website first when the project has none", async () => {
    const { log } = recordingLog();
    const result = await runAgent(deps, { ...issueInput(world, ASK), agentType: "web-builder", log });
    expect(result.artifacts).toEqual([expect.objectContaining({ type: "RECOMMENDATION" })]);
    expect(result.artifacts[0]!.content).toMatch(/Generate the website first/);
  });

  it("edits the generated app in a sandbox it deletes and returns a unified diff that git applies", async () => {
    const zip = await appZip(SOURCE);
    await seedFinishedJob(handle.db, world, { put: (key) => deps.services.storage.put(key, zip, "application/zip") });
    const { log, tools, entries } = recordingLog();
    const input = issueInput(world, ASK);
    const result = await runAgent(deps, { ...input, agentType: "web-builder", log });
    const [change] = result.artifacts;
    expect(change).toMatchObject({ type: "CODE_CHANGE", filePath: "app/page.tsx" });
    expect(change!.diffPatch).toMatch(/^--- a\/app\/page\.tsx\n\+\+\+ b\/app\/page\.tsx\n@@ /);
    expect(change!.diffPatch).toContain('-        <h1 className="text-5xl font-bold">Fresh sourdough, baked at dawn');
    expect(change!.diffPatch).toContain('+        <h1 className="text-5xl font-bold">Fresh sourdough</h1>');
    expect(change!.diffPatch).toContain('+        <p className="mt-4 text-lg">A neighbourhood bakery in Austin.</p>');
    expect(tools()).toEqual([
      "find_generated_app:ok",
      "read_app_source:ok",
      "sandbox_create:ok",
      "sandbox_upload:ok",
      "sandbox_read:ok",
      "edit_code:ok",
      "sandbox_write:ok",
      "sandbox_read:ok",
      "sandbox_delete:ok",
    ]);
    // node_modules never reached the sandbox: three source files were uploaded.
    expect(entries.find((e) => e.data?.tool === "read_app_source")!.data!.result).toBe("3 source files");
    expect(await deps.services.sandbox.sessions.findByLabels({ agentJobId: input.jobId })).toEqual([]);

    // The patch is real: git applies it to the original tree and yields the edited page.
    const dir = mkdtempSync(path.join(os.tmpdir(), "agent-diff-"));
    mkdirSync(path.join(dir, "app"));
    writeFileSync(path.join(dir, "app/page.tsx"), HOME);
    writeFileSync(path.join(dir, "change.patch"), change!.diffPatch!);
    try {
      execFileSync("git", ["apply", "change.patch"], { cwd: dir });
      expect(readFileSync(path.join(dir, "app/page.tsx"), "utf8")).toMatch(/<h1 className="text-5xl font-bold">Fresh sourdough<\/h1>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("deletes the sandbox when the edit fails", async () => {
    const failing: Deps = {
      ...deps,
      services: {
        ...deps.services,
        llm: { ...deps.services.llm, generateObject: () => Promise.reject(new Error("model unavailable")) },
      },
    };
    const { log, tools } = recordingLog();
    const input = issueInput(world, ASK);
    await expect(runAgent(failing, { ...input, agentType: "web-builder", log })).rejects.toThrow("model unavailable");
    expect(tools().slice(-2)).toEqual(["edit_code:error", "sandbox_delete:ok"]);
    expect(await deps.services.sandbox.sessions.findByLabels({ agentJobId: input.jobId })).toEqual([]);
  });

  it("through Anthropic: refuses an edit of a file the model was not given, and a malformed answer, deleting the sandbox", async () => {
    const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
    const anthropic: Deps = { ...deps, services: { ...deps.services, llm: createLlm({ env, db: handle.db, maxRetries: 0 }) } };
    fake.enqueue({ kind: "json", value: { summary: "Also bumped a dependency", files: [{ path: "package.json", content: "{}" }] } });
    const first = issueInput(world, ASK);
    await expect(runAgent(anthropic, { ...first, agentType: "web-builder", log: recordingLog().log })).rejects.toThrow(/edited package.json, a file it was not given/);
    const body = fake.requests[0]!.body as { messages: { content: string }[] };
    expect(body.messages[0]!.content).toContain("Fresh sourdough, baked at dawn");

    fake.enqueue({ kind: "json", value: { summary: "no files key" } });
    const second = issueInput(world, ASK);
    const { log, tools } = recordingLog();
    await expect(runAgent(anthropic, { ...second, agentType: "web-builder", log })).rejects.toBeInstanceOf(LlmOutputError);
    expect(tools().slice(-2)).toEqual(["edit_code:error", "sandbox_delete:ok"]);
    for (const jobId of [first.jobId, second.jobId]) expect(await deps.services.sandbox.sessions.findByLabels({ agentJobId: jobId })).toEqual([]);
  });
});
