import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as retryPlan } from "@/app/api/campaigns/[campaignId]/retry-plan/route";
import { parseEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { campaignPlanRetryRequested, onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import { claimPlanRecord } from "@/server/campaigns/records";
import { markGenerationFailed } from "@/server/campaigns/save-plan";
import { campaignRecords, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createLlm } from "@/server/services/llm";
import { createAnthropicFake } from "../../mocks/anthropic";
import { createTestDb } from "../../support/db";
import { jsonRequest, signUpTestUser } from "../../support/viewers";
import { embeddedDeps, seedWorld, testCtx, type World } from "./support";

const fake = createAnthropicFake({ baseUrl: "http://anthropic.test" });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  // The real Anthropic client against the msw fake: planner failures and bad JSON come over the wire.
  const env = parseEnv({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: "http://anthropic.test" });
  setDeps(embeddedDeps(handle.db, { llm: createLlm({ env, db: handle.db, maxRetries: 0 }) }));
});
afterEach(() => {
  fake.reset();
  vi.restoreAllMocks();
});
afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

const validPlan = {
  objective: "OUTCOME_LEADS",
  name: "Sourdough for busy parents",
  dailyBudgetCents: 1_500,
  summary: "One ad to parents nearby.",
  adSets: [
    {
      name: "Parents in Austin",
      targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: [] },
      ads: [{ name: "Ad 1", headline: "Fresh bread by 8am", primaryText: "Baked at 5am.", cta: "SIGN_UP", imagePrompt: "A loaf" }],
    },
  ],
};

const briefEvent = (w: World) =>
  onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId });

/**
 * Each execution is its own run, as on the engine: a rerun or a Try again gets a new run id.
 * `lastAttempt` runs the planner step as its final retry (@inngest/test models no retries).
 */
const run = (event: unknown, opts: { runId?: string; lastAttempt?: boolean } = {}) => {
  const { transformCtx } = testCtx();
  const runId = opts.runId ?? `run-${crypto.randomUUID()}`;
  return new InngestTestEngine({
    function: generateCampaignPlan,
    events: [event as never],
    transformCtx: (ctx) => ({ ...transformCtx(ctx), runId, attempt: opts.lastAttempt ? 3 : 0 }) as typeof ctx,
  }).execute();
};

const recordOf = async (projectId: string) => (await handle.db.select().from(campaignRecords).where(eq(campaignRecords.projectId, projectId)))[0]!;
const messagesOf = (conversationId: string) => handle.db.select().from(messages).where(eq(messages.conversationId, conversationId));

/** A world whose first plan failed: the planner API kept answering 500 until the last attempt. */
async function failedWorld(name: string) {
  const w = await seedWorld(handle.db, { name });
  // Nothing queued: the fake Messages API answers 500 to every call.
  const { result } = await run(briefEvent(w), { lastAttempt: true });
  expect(result).toMatchObject({ planned: false, reason: "planner failed" });
  return { ...w, record: await recordOf(w.projectId) };
}

describe("planner failure ends in a visible state", () => {
  it("an attempt that is not the last lets the engine retry (the version stays claimed, nothing posted)", async () => {
    const w = await seedWorld(handle.db, { name: "Briar" });
    const { error } = await run(briefEvent(w));
    expect(error).toMatchObject({ message: expect.stringMatching(/500/) });
    expect((await recordOf(w.projectId)).status).toBe("DRAFT");
  });

  it("marks the version GENERATION_FAILED and tells the owner in plain words, with a Try again action", async () => {
    const w = await failedWorld("Fern");
    expect(w.record.status).toBe("GENERATION_FAILED");
    const [msg] = (await messagesOf(w.record.conversationId!)).filter((m) => m.metadata?.kind === "plan-generation-failed");
    expect(msg!.content).toMatch(/Something went wrong while I was drafting your campaign plan/);
    expect(msg!.content).toMatch(/Try again/);
    // Plain language: no status codes, SDK error types or internal ids.
    expect(msg!.content).not.toMatch(/500|api_error|no reply queued/i);
    expect(msg!.metadata).toMatchObject({ campaignId: w.record.id, reason: "error" });
  });

  it("Try again plans the same version once the planner answers", async () => {
    const w = await failedWorld("Hazel");
    fake.enqueue({ kind: "json", value: validPlan });
    const { result, error } = await run(
      campaignPlanRetryRequested.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: w.record.id, requestedBy: w.owner.userId }),
    );
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ planned: true, campaignId: w.record.id, version: 1 });
    expect(await recordOf(w.projectId)).toMatchObject({ id: w.record.id, status: "PENDING_APPROVAL", structure: { name: validPlan.name } });
    const cards = (await messagesOf(w.record.conversationId!)).filter((m) => m.type === "APPROVAL_REQUEST");
    expect(cards).toHaveLength(1);
  });

  it("a Dev Server rerun of the failed run (a new run id) plans instead of stopping with 'already planned'", async () => {
    const w = await failedWorld("Juniper");
    fake.enqueue({ kind: "json", value: validPlan });
    const { result } = await run(briefEvent(w), { runId: "rerun-1" });
    expect(result).toMatchObject({ planned: true, campaignId: w.record.id });
    expect((await recordOf(w.projectId)).status).toBe("PENDING_APPROVAL");
  });

  it("a DRAFT left by a vanished run is taken over after its lease; a live one is left to its run", async () => {
    const w = await seedWorld(handle.db, { name: "Laurel" });
    const claim = (runId: string, now?: Date) =>
      claimPlanRecord(
        handle.db,
        { organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, sourceKey: `brief:${w.briefId}`, runId, connectionUserId: w.owner.userId, adAccountId: "act_1234567890", ownerUserId: w.owner.userId, currency: "USD" },
        now,
      );
    expect((await claim("run-a")).claimed).toBe(true);
    expect((await claim("run-b")).claimed).toBe(false);
    const later = new Date(Date.now() + 16 * 60_000);
    const [b, c] = await Promise.all([claim("run-b", later), claim("run-c", later)]);
    // Exactly one of two racing takers wins the orphaned claim.
    expect([b.claimed, c.claimed].sort()).toEqual([false, true]);
    const record = await recordOf(w.projectId);
    expect(record.claimedByRunId).toBe(b.claimed ? "run-b" : "run-c");
    // The vanished run coming back cannot fail the attempt that took over from it.
    expect(await markGenerationFailed(handle.db, { record, failure: { kind: "error" }, claimedBy: "run-a" })).toMatchObject({ posted: false });
    expect((await recordOf(w.projectId)).status).toBe("DRAFT");
  });

  it("two Try again runs racing on one failed plan claim it once", async () => {
    const w = await failedWorld("Sage");
    const input = { organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, sourceKey: w.record.sourceKey, connectionUserId: w.owner.userId, adAccountId: "act_1234567890", ownerUserId: w.owner.userId, currency: "USD" };
    const results = await Promise.all([claimPlanRecord(handle.db, { ...input, runId: "r1" }), claimPlanRecord(handle.db, { ...input, runId: "r2" })]);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });
});

describe("malformed model output gets the repair turn", () => {
  it.each([
    ["truncated JSON", { kind: "text" as const, text: '{"objective":"OUTCOME_LEADS","name":"Sourd', stopReason: "max_tokens" }, /cut off/],
    ["not JSON at all", { kind: "text" as const, text: "Here is your plan: a great campaign!" }, /not valid JSON/],
    ["wrong shape", { kind: "json" as const, value: { name: "No ad sets" } }, /does not match the schema/],
  ])("%s: asks again with the raw answer and what was wrong, then uses the repaired plan", async (_label, bad, why) => {
    const w = await seedWorld(handle.db, { name: "Rowan" });
    fake.enqueue(bad, { kind: "json", value: validPlan });
    const { result, error } = await run(briefEvent(w));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ planned: true });
    expect(fake.requests).toHaveLength(2);
    const turns = fake.requests[1]!.body.messages as { role: string; content: string }[];
    expect(turns.at(-2)).toMatchObject({ role: "assistant" });
    expect(turns.at(-2)!.content).toBe(bad.kind === "text" ? bad.text : JSON.stringify(bad.value));
    expect(turns.at(-1)!.content).toMatch(why);
  });

  it("still broken after the repair: a visible failure naming the problem, not a stuck DRAFT", async () => {
    const w = await seedWorld(handle.db, { name: "Ash" });
    fake.enqueue({ kind: "text", text: "{" }, { kind: "text", text: "{ still not" });
    const { result } = await run(briefEvent(w));
    expect(result).toMatchObject({ planned: false, reason: "rules violated" });
    expect((await recordOf(w.projectId)).status).toBe("GENERATION_FAILED");
  });
});

describe("POST /api/campaigns/[campaignId]/retry-plan", () => {
  const params = (campaignId: string) => ({ params: Promise.resolve({ campaignId }) });
  const post = (campaignId: string, cookie: string, origin: string | null) => {
    const req = jsonRequest(`/api/campaigns/${campaignId}/retry-plan`, { method: "POST", cookie, body: { confirm: true } });
    const headers = new Headers(req.headers);
    if (origin) headers.set("origin", origin);
    return new Request(req, { headers });
  };

  it("emits a retry with a fresh id per press from our own origin", async () => {
    const w = await failedWorld("Olive");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
    const first = await retryPlan(post(w.record.id, w.owner.cookie, "http://localhost:3000"), params(w.record.id));
    const second = await retryPlan(post(w.record.id, w.owner.cookie, "http://localhost:3000"), params(w.record.id));
    expect([first.status, second.status]).toEqual([202, 202]);
    const ids = send.mock.calls.map(([e]) => (e as { id: string; name: string }).id);
    expect(send.mock.calls.map(([e]) => (e as { name: string }).name)).toEqual(["campaign/plan.retry-requested", "campaign/plan.retry-requested"]);
    expect(new Set(ids).size).toBe(2);
  });

  it("refuses another site's Origin before anything happens", async () => {
    const w = await failedWorld("Ivy");
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
    expect((await retryPlan(post(w.record.id, w.owner.cookie, "https://evil.example"), params(w.record.id))).status).toBe(403);
    expect(send).not.toHaveBeenCalled();
  });

  it("answers 404 to another organization and 409 when the plan did not fail", async () => {
    const w = await failedWorld("Wren");
    const stranger = await signUpTestUser(handle.db, { name: "Mallory" });
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
    expect((await retryPlan(post(w.record.id, stranger.cookie, "http://localhost:3000"), params(w.record.id))).status).toBe(404);
    await handle.db.update(campaignRecords).set({ status: "PENDING_APPROVAL" }).where(eq(campaignRecords.id, w.record.id));
    const conflict = await retryPlan(post(w.record.id, w.owner.cookie, "http://localhost:3000"), params(w.record.id));
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ error: expect.stringMatching(/Only a plan that failed can be tried again/) });
    expect(send).not.toHaveBeenCalled();
  });
});
