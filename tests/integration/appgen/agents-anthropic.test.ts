import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { fixApp } from "@/server/appgen/agents/fix-agent";
import { integrateApp } from "@/server/appgen/agents/integration-agent";
import { generatePage } from "@/server/appgen/agents/page-agent";
import { FIX_SCOPE, INTEGRATION_SCOPE, checkAgentFiles, pageScope } from "@/server/appgen/agents/scope";
import { generationSpec } from "@/server/appgen/spec";
import type { DbHandle } from "@/server/db/client";
import { organizations } from "@/server/db/schema";
import { createLlm, type LlmService } from "@/server/services/llm";
import { createAnthropicFake } from "../../mocks/anthropic";
import { createTestDb } from "../../support/db";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: DbHandle;
let llm: LlmService;
let orgId: string;
let n = 0;
const usage = () => ({ organizationId: orgId, runId: "run-1", dedupeKey: `appgen-${++n}`, feature: "app-generation" as const });

const spec = generationSpec.parse({
  projectId: "p1",
  brief: { title: "Crumb" },
  pages: [
    { pageId: "home", route: "/", name: "Home", selectedPreviewHtml: "<h1>Home</h1>" },
    { pageId: "about", route: "/about", name: "About", selectedPreviewHtml: '<section class="story"><h1>Our story</h1></section>', actions: ["contact"] },
  ],
});
const about = spec.pages[1]!;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  const [org] = await handle.db.insert(organizations).values({ name: "Crumb" }).returning();
  orgId = org!.id;
  const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
  llm = createLlm({ env, db: handle.db, maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  await handle?.close();
});

const sent = (i = 0) => {
  const body = fake.requests[i]!.body as { system: unknown; messages: { content: unknown }[] };
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  return { system: text(body.system), user: text(body.messages[0]!.content) };
};

describe("code-writing agents against the Anthropic Messages API", () => {
  it("a page agent's out-of-scope and ORM files are refused by the scope check; its page passes", async () => {
    fake.enqueue({
      kind: "json",
      value: {
        files: [
          { path: "app/about/page.tsx", content: 'export default function AboutPage() { return <section className="story"><h1>Our story</h1></section>; }\n' },
          { path: "prisma/schema.prisma", content: "model Lead { id Int @id }" },
          { path: "components/pages/about/leads.ts", content: 'import { PrismaClient } from "@prisma/client";\nexport const db = new PrismaClient();\n' },
          { path: "app/layout.tsx", content: "export default function L() { return null; }" },
          { path: "../outside.ts", content: "x" },
        ],
        summary: "About page",
      },
      usage: { input_tokens: 900, output_tokens: 300 },
    });
    const out = await generatePage(llm, { spec, page: about, usage: usage() });
    expect(out).toMatchObject({ generator: "anthropic", inputTokens: 900, outputTokens: 300, summary: "About page" });
    const { accepted, rejected } = checkAgentFiles(out.files, pageScope(about));
    expect(accepted.map((f) => f.path)).toEqual(["app/about/page.tsx"]);
    expect(rejected).toEqual([
      { path: "prisma/schema.prisma", reason: expect.stringMatching(/database folder 'prisma\/'/) },
      { path: "components/pages/about/leads.ts", reason: expect.stringMatching(/imports the database package '@prisma\/client'/) },
      { path: "app/layout.tsx", reason: expect.stringMatching(/outside the page about agent's files/) },
      { path: "../outside.ts", reason: "'..' in path" },
    ]);
    // The guardrails and the task went to the model.
    const { system, user } = sent();
    expect(system).toMatch(/Never write database models/);
    expect(system).toMatch(/Preserve the selected preview's structure/);
    expect(system).toMatch(/app\/api\/actions\/<action>\/route\.ts/);
    expect(JSON.parse(user)).toMatchObject({ task: "page", pageFile: "app/about/page.tsx", page: { pageId: "about", selectedPreviewHtml: about.selectedPreviewHtml }, allActions: ["contact"] });
  });

  it("an integration answer that wires an ORM into an action route, or edits a page, is refused", async () => {
    fake.enqueue({
      kind: "json",
      value: {
        files: [
          { path: "app/layout.tsx", content: "export default function RootLayout() { return null; }\n" },
          { path: "app/api/actions/contact/route.ts", content: 'import { drizzle } from "drizzle-orm/node-postgres";\nexport async function POST() { return Response.json({}); }\n' },
          { path: "drizzle.config.ts", content: "export default {}" },
          { path: "app/page.tsx", content: "export default function P() { return null; }" },
          { path: "package.json", content: JSON.stringify({ dependencies: { pg: "8.0.0" } }) },
        ],
        summary: "shared files",
      },
    });
    const out = await integrateApp(llm, { spec, pages: [{ pageId: "about", route: "/about", name: "About", files: ["app/about/page.tsx"] }], usage: usage() });
    const { accepted, rejected } = checkAgentFiles(out.files, INTEGRATION_SCOPE);
    expect(accepted.map((f) => f.path)).toEqual(["app/layout.tsx"]);
    expect(rejected.map((r) => r.path)).toEqual(["app/api/actions/contact/route.ts", "drizzle.config.ts", "app/page.tsx", "package.json"]);
    expect(rejected[0]!.reason).toMatch(/drizzle-orm/);
    const task = JSON.parse(sent().user) as { pages: { files: string[] }[]; actions: string[] };
    expect(task.actions).toEqual(["contact"]);
    expect(JSON.stringify(task)).not.toContain("Our story"); // the previews stay out of the integration prompt
  });

  it("a reply that is not the JSON asked for gets the deterministic page instead; a server error is thrown for the step to retry", async () => {
    fake.enqueue({ kind: "text", text: "Sure! Here is your page: <html>…" });
    const out = await generatePage(llm, { spec, page: about, usage: usage() });
    expect(out).toMatchObject({ generator: "offline", inputTokens: 0, outputTokens: 0 });
    expect(out.summary).toMatch(/^The model's answer was not usable \(.+\); deterministic fallback: About \(\/about\): converted the chosen preview/);
    expect(out.files.map((f) => f.path)).toEqual(["app/about/page.tsx"]);
    expect(out.files[0]!.content).toContain('<section className="story">');
    fake.enqueue({ kind: "error", status: 529, type: "overloaded_error" });
    await expect(generatePage(llm, { spec, page: about, usage: usage() })).rejects.toThrow();
  });

  it("the fixer is sent the exact failing output and the prior diff summary, and its DB dependency is refused", async () => {
    const output = "./app/about/page.tsx:1:52\nType error: Type 'string' is not assignable to type 'number'.";
    fake.enqueue({
      kind: "json",
      value: {
        files: [
          { path: "app/about/page.tsx", content: "export default function AboutPage() { return <h1 tabIndex={1}>Our story</h1>; }\n" },
          { path: "package.json", content: JSON.stringify({ dependencies: { next: "16.4.5", mongoose: "8.0.0" } }) },
        ],
        summary: "tabIndex is a number",
      },
    });
    const files = [{ path: "app/about/page.tsx", content: 'export default function AboutPage() { return <h1 tabIndex="1">Our story</h1>; }\n' }];
    const out = await fixApp(llm, { spec, round: 2, failure: { command: "npm run build", output }, priorDiffSummary: "round 1: app/page.tsx rewrote the hero", files, usage: usage() });
    const task = JSON.parse(sent().user) as Record<string, unknown>;
    expect(task).toMatchObject({ round: 2, failure: { command: "npm run build", output }, priorDiffSummary: "round 1: app/page.tsx rewrote the hero", named: [{ path: "app/about/page.tsx", line: 1 }] });
    expect(sent().system).toMatch(/Change as little as possible/);
    const { accepted, rejected } = checkAgentFiles(out.files, FIX_SCOPE);
    expect(accepted.map((f) => f.path)).toEqual(["app/about/page.tsx"]);
    expect(rejected).toEqual([{ path: "package.json", reason: expect.stringMatching(/'mongoose'/) }]);
  });
});
