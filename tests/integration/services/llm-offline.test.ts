import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { organizations, usageLedger } from "@/server/db/schema";
import {
  createLlm,
  describeLlm,
  LlmOutputError,
  OFFLINE_LABEL,
  OfflineGeneratorMissingError,
  registerOfflineGenerator,
  unregisterOfflineGenerator,
  type LlmService,
} from "@/server/services/llm";
import { createTestDb } from "../../support/db";

const Idea = z.object({ headline: z.string().min(3), score: z.number().min(0).max(1), simulated: z.boolean() });
const OBJECT_PURPOSE = "test.offline-idea";
const TEXT_PURPOSE = "test.offline-reply";

let handle: DbHandle;
let llm: LlmService;
let orgId: string;
let n = 0;
const usage = () => ({ organizationId: orgId, runId: "run-off", dedupeKey: `off-${++n}`, feature: "agent-chat" as const });
const askIdea = (content: string, purpose = OBJECT_PURPOSE) =>
  llm.generateObject({ purpose, schema: Idea, system: "Pitch", messages: [{ role: "user", content }], usage: usage() });

beforeAll(async () => {
  handle = await createTestDb();
  const [org] = await handle.db.insert(organizations).values({ name: "Offline Org" }).returning()
  orgId = org!.id;
  llm = createLlm({ env: parseEnv({}), db: handle.db });
  registerOfflineGenerator(OBJECT_PURPOSE, ({ pick, random, lastUserMessage }) => ({
    headline: `${pick(["Fresh", "Bold", "Quiet"])} take on ${lastUserMessage}`,
    score: Math.round(random() * 100) / 100,
    simulated: false, // the offline model forces this to true
  }));
  registerOfflineGenerator(TEXT_PURPOSE, ({ lastUserMessage }) => `You said: ${lastUserMessage}. Tell me more.`);
});
afterAll(async () => {
  unregisterOfflineGenerator(OBJECT_PURPOSE);
  unregisterOfflineGenerator(TEXT_PURPOSE);
  await handle.close();
});

describe("offline demo model", () => {
  it("is selected without ANTHROPIC_API_KEY and described as simulated", () => {
    expect(llm.kind).toBe("offline");
    expect(describeLlm(parseEnv({}))).toMatchObject({ service: "llm", simulated: true });
  });

  it("returns schema-valid output marked simulated", async () => {
    const { object, usage: used } = await askIdea("running shoes");
    expect(Idea.parse(object)).toEqual(object);
    expect(object.simulated).toBe(true);
    expect(object.headline).toMatch(/take on running shoes$/);
    expect(used).toMatchObject({ model: "offline-demo-model", costMicroUsd: 0 });
  });

  it("is deterministic for the same conversation and varies with it", async () => {
    const a = await askIdea("coffee beans");
    const b = await askIdea("coffee beans");
    expect(b.object).toEqual(a.object);
    const others = await Promise.all(["tea", "cake", "bikes", "yoga", "books"].map((c) => askIdea(c)));
    expect(new Set(others.map((o) => o.object.score)).size).toBeGreaterThan(1);
  });

  it("refuses a purpose with no registered generator, naming it", async () => {
    const error = await askIdea("x", "test.nobody-registered").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineGeneratorMissingError);
    expect((error as Error).message).toContain('"test.nobody-registered"');
  });

  it("rejects a generator whose output breaks the schema instead of returning junk", async () => {
    registerOfflineGenerator("test.broken", () => ({ headline: "x" }));
    await expect(askIdea("y", "test.broken")).rejects.toBeInstanceOf(LlmOutputError);
    unregisterOfflineGenerator("test.broken");
  });

  it("streams a labelled reply word by word and records zero-cost usage", async () => {
    const ctx = usage();
    const deltas: string[] = [];
    const { text } = await llm.streamText({
      purpose: TEXT_PURPOSE,
      system: "Chat",
      messages: [{ role: "user", content: "hello" }],
      usage: ctx,
      onDelta: (d) => void deltas.push(d),
    });
    expect(text.startsWith(OFFLINE_LABEL)).toBe(true);
    expect(deltas.join("")).toBe(text);
    expect(deltas.length).toBe(text.split(" ").length);
    const [row] = await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, ctx.dedupeKey));
    expect(row).toMatchObject({ provider: "offline", costMicroUsd: 0, organizationId: orgId });
    expect(row!.outputTokens).toBeGreaterThan(0);
  });
});
