import Anthropic from "@anthropic-ai/sdk";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { organizations, usageLedger } from "@/server/db/schema";
import { createLlm, LlmOutputError, type LlmService } from "@/server/services/llm";
import { createTestDb } from "../../support/db";
import { createAnthropicFake } from "../../mocks/anthropic";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
const Plan = z.object({ name: z.string(), dailyBudgetCents: z.number().int().positive() });

let handle: DbHandle;
let llm: LlmService;
let orgId: string;
let n = 0;
const usage = () => ({ organizationId: orgId, runId: "run-1", dedupeKey: `key-${++n}`, feature: "agent-chat" as const });
const ask = (extra: Partial<Parameters<LlmService["generateObject"]>[0]> = {}) =>
  llm.generateObject({
    purpose: "test.plan",
    schema: Plan,
    system: "Plan a campaign",
    messages: [{ role: "user", content: "Sell shoes" }],
    model: "planner",
    usage: usage(),
    ...extra,
  });

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  const [org] = await handle.db.insert(organizations).values({ name: "Acme" }).returning()
  orgId = org!.id;
  const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
  llm = createLlm({ env, db: handle.db, maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  await handle.close();
});

describe("Anthropic LLM against a fake Messages API", () => {
  it("sends the planner model with a JSON-schema output format and returns the validated object", async () => {
    fake.enqueue({ kind: "json", value: { name: "Spring", dailyBudgetCents: 2500 }, thinking: "Let me think", model: "claude-sonnet-5-5", usage: { input_tokens: 1000, output_tokens: 200 } });
    const result = await ask();
    expect(result.object).toEqual({ name: "Spring", dailyBudgetCents: 2500 });
    const body = fake.requests[0]!.body as { model: string; output_config: { format: { type: string; schema: { properties: object } } } };
    expect(body.model).toBe("claude-sonnet-5-5");
    expect(body.output_config.format.type).toBe("json_schema");
    expect(Object.keys(body.output_config.format.schema.properties)).toEqual(["name", "dailyBudgetCents"]);
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer sk-ant-test");
    // Sonnet 5.5: $2 in / $10 out per MTok → 1000×2 + 200×10 micro-dollars.
    expect(result.usage).toEqual({ model: "claude-sonnet-5-5", inputTokens: 1000, outputTokens: 200, costMicroUsd: 4000 });
  });

  it("records usage once per dedupeKey even when the call is retried", async () => {
    const ctx = usage();
    fake.enqueue({ kind: "json", value: { name: "A", dailyBudgetCents: 1 } }, { kind: "json", value: { name: "A", dailyBudgetCents: 1 } });
    await ask({ usage: ctx });
    await ask({ usage: ctx });
    const rows = await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, ctx.dedupeKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "anthropic", organizationId: orgId, runId: "run-1", inputTokens: 120, outputTokens: 40 });
  });

  it("throws LlmOutputError on text that is not JSON, and keeps the raw text", async () => {
    fake.enqueue({ kind: "text", text: '{"name": "Spring", "dailyBudget' });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmOutputError);
    expect((error as LlmOutputError).raw).toBe('{"name": "Spring", "dailyBudget');
  });

  it("throws LlmOutputError naming the field when JSON does not match the schema", async () => {
    fake.enqueue({ kind: "json", value: { name: "Spring", dailyBudgetCents: -5 } });
    await expect(ask()).rejects.toThrow(/dailyBudgetCents/);
  });

  it("treats output cut off at max_tokens as partial even if it happens to parse", async () => {
    fake.enqueue({ kind: "text", text: '{"name":"A","dailyBudgetCents":1}', stopReason: "max_tokens" });
    await expect(ask()).rejects.toThrow(/max_tokens/);
  });

  it("surfaces 429 as the SDK's RateLimitError", async () => {
    fake.enqueue({ kind: "error", status: 429, type: "rate_limit_error", headers: { "retry-after": "7" } });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).headers.get("retry-after")).toBe("7");
  });

  it("surfaces 500 and 529 as InternalServerError", async () => {
    fake.enqueue({ kind: "error", status: 500, type: "api_error" }, { kind: "error", status: 529, type: "overloaded_error" });
    await expect(ask()).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(ask()).rejects.toThrow(/overloaded/);
  });

  it("rejects a malformed response body without recording usage", async () => {
    const ctx = usage();
    fake.enqueue({ kind: "raw", status: 200, body: "<html>gateway</html>", contentType: "text/html" });
    await expect(ask({ usage: ctx })).rejects.toThrow();
    const rows = await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, ctx.dedupeKey));
    expect(rows).toHaveLength(0);
  });

  it("streams text deltas in order and bills the final usage", async () => {
    const ctx = usage();
    fake.enqueue({ kind: "stream", chunks: ["Hello", " there", ", friend."], usage: { input_tokens: 50, output_tokens: 9 } });
    const deltas: string[] = [];
    const result = await llm.streamText({
      purpose: "test.chat",
      system: "Be nice",
      messages: [{ role: "user", content: "hi" }],
      usage: ctx,
      onDelta: (d) => void deltas.push(d),
    });
    expect(deltas).toEqual(["Hello", " there", ", friend."]);
    expect(result.text).toBe("Hello there, friend.");
    expect(result.usage).toMatchObject({ model: "claude-haiku-5-5", inputTokens: 50, outputTokens: 9 });
    expect(fake.requests[0]!.body).toMatchObject({ stream: true, model: "claude-haiku-5-5" });
    const [row] = await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, ctx.dedupeKey));
    expect(row).toMatchObject({ inputTokens: 50, outputTokens: 9, costMicroUsd: Math.round(50 * 0.1 + 9 * 0.5) });
  });

  it("surfaces an overloaded stream as an error", async () => {
    fake.enqueue({ kind: "error", status: 529, type: "overloaded_error" });
    await expect(
      llm.streamText({ purpose: "x", system: "s", messages: [{ role: "user", content: "hi" }], usage: usage() }),
    ).rejects.toThrow(/overloaded/);
  });
});
