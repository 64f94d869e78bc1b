import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { agentImprovementsRequested } from "@/inngest/events";
import { analyzeAgentFeedback } from "@/inngest/functions/agent-tasks/analyze-agent-feedback";
import { requestAgentImprovements } from "@/inngest/functions/agent-tasks/request-agent-improvements";
import { findImprovementPatterns } from "@/server/agent-tasks/improvements/analyze";
import { loadPoorFeedback } from "@/server/agent-tasks/improvements/load";
import { isoWeekOf, lastCompleteWeek } from "@/server/agent-tasks/improvements/week";
import { agentFeedback, agentImprovements } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createLlm } from "@/server/services/llm";
import { createAnthropicFake } from "../../mocks/anthropic";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { seedFeedback } from "./improvements-support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
let other: World;
const WEEK = "2026-W45";
const inWeek = new Date("2026-11-04T10:00:00Z");

const analyse = (organizationId: string, week = WEEK) =>
  new InngestTestEngine({ function: analyzeAgentFeedback, events: [agentImprovementsRequested.create({ organizationId, week }) as never], transformCtx: testCtx().transformCtx }).execute();
const cardsOf = (organizationId: string) => handle.db.select().from(agentImprovements).where(eq(agentImprovements.organizationId, organizationId)).orderBy(agentImprovements.title);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Ines", connect: false });
  other = await seedWorld(handle.db, { name: "Otto", connect: false });
});
beforeEach(() => setDeps(embeddedDeps(handle.db)));
afterEach(() => fake.reset());
afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

describe("the weekly improvement analysis", () => {
  it("turns the week's worst copywriter feedback into ANALYZED cards and marks the feedback with its card, once per week", async () => {
    const ids = await seedFeedback(handle.db, world, [
      { agentType: "copywriter", rating: 1, outcome: "NOT_SOLVED", tags: ["tone"], comment: "Generic hooks", issueType: "TASK", at: inWeek },
      { agentType: "copywriter", rating: 2, outcome: "PARTIAL", tags: ["tone"], comment: "Still generic", issueType: "TASK", at: inWeek },
      { agentType: "copywriter", rating: 4, outcome: "MADE_WORSE", tags: ["tone"], at: inWeek },
      // Well rated, or outside the week: not analysed.
      { agentType: "copywriter", rating: 5, outcome: "SOLVED", tags: ["tone"], comment: "generic but fine", at: inWeek },
      { agentType: "copywriter", rating: 1, outcome: "NOT_SOLVED", tags: ["tone"], at: new Date("2026-10-28T10:00:00Z") },
      { agentType: "analyst", rating: 1, outcome: "NOT_SOLVED", comment: "Wrong numbers", issueType: "ANALYSIS", at: inWeek },
    ]);
    const { result, error } = await analyse(world.organizationId);
    expect(error).toBeUndefined();
    expect(result).toEqual({ week: WEEK, cards: { copywriter: 3, analyst: 1 } });

    const cards = await cardsOf(world.organizationId);
    const tone = cards.find((c) => c.title === 'Tagged "tone"')!;
    expect(tone).toMatchObject({ agentType: "copywriter", week: WEEK, status: "ANALYZED" });
    expect([...tone.feedbackIds].sort()).toEqual([ids[0], ids[1], ids[2]].sort());
    expect(tone.pattern).toMatch(/^3 of 3 poorly rated copywriter/);
    expect(cards.map((c) => c.title)).toContain('Comments mention "generic"');
    expect(cards.filter((c) => c.agentType === "analyst").map((c) => c.title)).toEqual(["Poor ratings without a shared cause"]);

    const rows = await handle.db.select().from(agentFeedback).where(eq(agentFeedback.organizationId, world.organizationId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0]!)).toMatchObject({ improvementStatus: "ANALYZED", improvementId: tone.id });
    expect(byId.get(ids[3]!)).toMatchObject({ improvementStatus: "PENDING", improvementId: null });
    expect(byId.get(ids[4]!)).toMatchObject({ improvementStatus: "PENDING" });

    // The same week again (a retried or repeated tick): nothing left to ask about, no new cards.
    expect(await loadPoorFeedback(handle.db, { organizationId: world.organizationId, week: WEEK })).toEqual({});
    const again = await analyse(world.organizationId);
    expect(again.result).toEqual({ week: WEEK, cards: {} });
    expect((await cardsOf(world.organizationId)).map((c) => c.id)).toEqual(cards.map((c) => c.id));
    // Another organization's analysis of the same week sees none of this feedback.
    expect((await analyse(other.organizationId)).result).toEqual({ week: WEEK, cards: {} });
  });

  it("fails clearly, writing no card, when the model's answer does not fit the schema", async () => {
    const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
    const llm = createLlm({ env, db: handle.db, maxRetries: 0 });
    fake.enqueue({ kind: "json", value: { patterns: [{ title: "x" }] } }, { kind: "json", value: { patterns: [] } });
    const items = [{ id: "f1", rating: 1, outcome: "NOT_SOLVED" as const, comment: "bad", tags: [], issueType: "TASK", issueTitle: "t" }];
    const usage = { organizationId: other.organizationId, runId: "run-1", dedupeKey: "k", feature: "agent-tasks" as const };
    await expect(findImprovementPatterns(llm, { agentType: "analyst", items, usage })).rejects.toThrow(/schema|did not match|fit/i);

    await seedFeedback(handle.db, other, [{ agentType: "ads-ops", rating: 1, outcome: "MADE_WORSE", comment: "Paused the wrong ad", at: new Date("2026-11-11T10:00:00Z") }]);
    setDeps({ ...embeddedDeps(handle.db), services: { ...embeddedDeps(handle.db).services, llm } });
    fake.enqueue({ kind: "json", value: { patterns: "none" } });
    const { error } = await analyse(other.organizationId, "2026-W46");
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/schema|did not match|fit/i);
    expect(await cardsOf(other.organizationId)).toEqual([]);
  });

  it("the cron asks once per organization with feedback in the last complete week, with an id naming organization and week", async () => {
    const week = lastCompleteWeek(new Date());
    await seedFeedback(handle.db, other, [{ agentType: "analyst", rating: 3, outcome: "SOLVED", at: new Date(Date.now() - 7 * 86_400_000) }]);
    expect(isoWeekOf(new Date(Date.now() - 7 * 86_400_000))).toBe(week);
    const ctx = testCtx();
    const { result } = await new InngestTestEngine({ function: requestAgentImprovements, transformCtx: ctx.transformCtx }).execute();
    expect(result).toEqual({ week, organizations: 1 });
    expect(ctx.sent[0]!.payload).toEqual([expect.objectContaining({ id: `agent-improvements-${other.organizationId}-${week}`, data: { organizationId: other.organizationId, week } })]);
  });
});
