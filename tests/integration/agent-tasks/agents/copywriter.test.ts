import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { runAgent } from "@/server/agent-tasks/agents";
import { requestedCount, requestedTheme } from "@/server/agent-tasks/agents/copywriter/hooks";
import { HEADLINE_MAX, PRIMARY_TEXT_MAX } from "@/server/campaigns/plan-rules";
import { createLlm } from "@/server/services/llm";
import { LlmOutputError } from "@/server/services/llm/types";
import { createAnthropicFake } from "../../../mocks/anthropic";
import { createTestDb } from "../../../support/db";
import { embeddedDeps, seedWorld, type World } from "../../campaigns/support";
import { seedFinishedVersion } from "../../creative-lineage/support";
import { issueInput, recordingLog } from "./support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
const ASK = { title: "Write five new hooks for the summer sale" };
type Hooks = { headline: string; primaryText: string }[];

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Cora", connect: false });
  await seedFinishedVersion(handle.db, embeddedDeps(handle.db).services.storage, {
    ...world,
    hooks: [{ headline: "Summer sale is on", primaryText: "Old hook" }],
  });
});
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  await handle?.close();
});

describe("copywriter agent", () => {
  it("reads the request's count and theme", () => {
    expect(requestedCount("write five new hooks for the summer sale")).toBe(5);
    expect(requestedCount("3 headlines please")).toBe(3);
    expect(requestedCount("new copy")).toBe(5);
    expect(requestedTheme("Write five new hooks for the summer sale")).toBe("summer sale");
  });

  it("writes five themed hooks from the brief offline, within Facebook's limits, not repeating the latest session's", async () => {
    const { log, tools } = recordingLog();
    const result = await runAgent(embeddedDeps(handle.db), { ...issueInput(world, ASK), agentType: "copywriter", log });
    const [copy] = result.artifacts;
    expect(copy).toMatchObject({ type: "COPY", name: "hooks" });
    const hooks = copy!.metadata!.hooks as Hooks;
    expect(hooks).toHaveLength(5);
    for (const h of hooks) {
      expect(h.headline.length).toBeLessThanOrEqual(HEADLINE_MAX);
      expect(h.primaryText.length).toBeLessThanOrEqual(PRIMARY_TEXT_MAX);
    }
    expect(new Set(hooks.map((h) => h.headline)).size).toBe(5);
    expect(hooks.map((h) => h.headline)).not.toContain("Summer sale is on");
    expect(copy!.content).toMatch(/Summer sale/);
    expect(copy!.content).toMatch(/Baked at 5am/);
    expect(tools()).toEqual(["read_brief:ok", "read_creative_hooks:ok", "draft_copy:ok"]);
  });

  it("refuses a model hook over Facebook's headline limit as a malformed answer", async () => {
    const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
    const base = embeddedDeps(handle.db);
    const deps = { ...base, services: { ...base.services, llm: createLlm({ env, db: handle.db, maxRetries: 0 }) } };
    fake.enqueue({ kind: "json", value: { hooks: [{ angle: "Offer", headline: "x".repeat(HEADLINE_MAX + 1), primaryText: "ok" }] } });
    const { log, entries } = recordingLog();
    await expect(runAgent(deps, { ...issueInput(world, ASK), agentType: "copywriter", log })).rejects.toBeInstanceOf(LlmOutputError);
    expect(entries.at(-1)).toMatchObject({ level: "ERROR", data: { tool: "draft_copy" } });
  });

  it("says to finish onboarding when the project has no brief", async () => {
    const { log } = recordingLog();
    const other = await seedWorld(handle.db, { name: "Dan", connect: false });
    const { projects } = await import("@/server/db/schema");
    const [bare] = await handle.db.insert(projects).values({ organizationId: other.organizationId, name: "Empty", createdById: other.owner.userId }).returning();
    const result = await runAgent(embeddedDeps(handle.db), { ...issueInput({ organizationId: other.organizationId, projectId: bare!.id }, ASK), agentType: "copywriter", log });
    expect(result.artifacts[0]).toMatchObject({ type: "RECOMMENDATION" });
    expect(result.artifacts[0]!.content).toMatch(/no confirmed brief/);
  });
});
