import { and, eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/env";
import { AGENT_TOOL_NAMES } from "@/server/agent/catalogue";
import { messages, optimizationActions, usageLedger } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createLlm } from "@/server/services/llm";
import { createTestDb } from "../../support/db";
import { createAnthropicFake } from "../../mocks/anthropic";
import { embeddedDeps } from "../campaigns/support";
import { ownerSays, runAgent, seedAgentWorld } from "./support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
  setDeps(embeddedDeps(handle.db, { llm: createLlm({ env, db: handle.db, maxRetries: 0 }) }));
});
afterEach(() => {
  fake.reset();
  vi.restoreAllMocks();
});
afterAll(async () => {
  setDeps();
  server.close();
  await handle?.close();
});

type Block = { type: string; tool_use_id?: string; content?: string; is_error?: boolean; id?: string; name?: string; input?: unknown };
type Sent = { messages: { role: string; content: string | Block[] }[]; tools?: { name: string; input_schema: { type: string; properties?: Record<string, unknown> } }[] };
const body = (i: number) => fake.requests[i]!.body as unknown as Sent;
const lastTurn = (i: number) => body(i).messages.at(-1)!.content as Block[];
const storedReply = async (conversationId: string) =>
  (await handle.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.role, "ASSISTANT"))))[0];

describe("the agent through the real Anthropic SDK (msw)", () => {
  it("offers every tool with its JSON schema, runs the chosen one and sends its result back as a tool_result", async () => {
    const c = await seedAgentWorld(handle.db, "Tess");
    fake.enqueue(
      { kind: "tools", text: "Let me look.", calls: [{ id: "toolu_1", name: "show_performance", input: {} }] },
      { kind: "stream", chunks: ["You spent ", "$105 this week."] },
    );
    const { event, messageId } = await ownerSays(handle.db, c, "how are my ads doing?");
    const run = await runAgent(event);
    expect(run.error).toBeUndefined();

    expect(body(0).tools!.map((t) => t.name)).toEqual([...AGENT_TOOL_NAMES]);
    const budget = body(0).tools!.find((t) => t.name === "change_budget")!;
    expect(budget.input_schema).toMatchObject({ type: "object", properties: { dailyBudget: { type: "number" } } });
    expect(body(1).messages.at(-2)).toEqual({
      role: "assistant",
      content: [
        { type: "text", text: "Let me look." },
        { type: "tool_use", id: "toolu_1", name: "show_performance", input: {} },
      ],
    });
    expect(lastTurn(1)).toEqual([
      { type: "tool_result", tool_use_id: "toolu_1", content: expect.stringMatching(/spent \$105/), is_error: false },
    ]);
    expect(run.text).toBe("You spent $105 this week.");
    expect((await storedReply(c.conversationId))!.content).toBe("You spent $105 this week.");
    const bills = await handle.db.select().from(usageLedger).where(eq(usageLedger.organizationId, c.organizationId));
    expect(bills.map((b) => b.dedupeKey).sort()).toEqual([`${messageId}:answer`, `${messageId}:choose-tools`]);
  });

  it("never runs a tool_use with malformed input: the model gets an error result naming the field, the owner is told", async () => {
    const c = await seedAgentWorld(handle.db, "Mara");
    fake.enqueue(
      { kind: "tools", calls: [{ id: "toolu_bad", name: "change_budget", input: { dailyBudget: "lots" } }] },
      { kind: "stream", chunks: ["I couldn't change the budget: the amount was not a number. Nothing was changed."] },
    );
    const { event } = await ownerSays(handle.db, c, "budget way up please");
    const run = await runAgent(event);
    expect(run.error).toBeUndefined();
    expect(lastTurn(1)).toEqual([
      { type: "tool_result", tool_use_id: "toolu_bad", content: expect.stringMatching(/dailyBudget:.*Nothing was done/), is_error: true },
    ]);
    expect(run.tool.map((t) => t.status)).toEqual(["running", "failed"]);
    expect(await handle.db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, c.campaignId))).toEqual([]);
    const reply = await storedReply(c.conversationId);
    expect(reply!.content).toMatch(/couldn't change the budget/);
    expect(reply!.metadata).toMatchObject({ tools: [{ name: "change_budget", status: "failed", summary: expect.stringMatching(/dailyBudget/) }] });
  });

  it("refuses an unknown tool name (a non-object input replayed as {}), and answers directly when no tool is asked for", async () => {
    const c = await seedAgentWorld(handle.db, "Ines");
    fake.enqueue(
      { kind: "tools", calls: [{ id: "toolu_x", name: "transfer_funds", input: "all of it" }] },
      { kind: "stream", chunks: ["I can't do that."] },
    );
    const first = await ownerSays(handle.db, c, "move my money");
    expect((await runAgent(first.event)).error).toBeUndefined();
    expect(body(1).messages.at(-2)!.content).toEqual([{ type: "tool_use", id: "toolu_x", name: "transfer_funds", input: {} }]);
    expect(lastTurn(1)).toEqual([
      { type: "tool_result", tool_use_id: "toolu_x", content: expect.stringMatching(/no tool called "transfer_funds"/), is_error: true },
    ]);

    fake.reset();
    fake.enqueue({ kind: "text", text: "You're welcome!" });
    const second = await ownerSays(handle.db, c, "thanks");
    const run = await runAgent(second.event);
    expect(run.error).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
    expect(run.text).toBe("You're welcome!");
  });
});
