import { InngestTestEngine } from "@inngest/test";
import { and, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as submitIssue } from "@/app/api/agents/route";
import { POST as submitAppJob } from "@/app/api/appgen/jobs/route";
import { POST as postMessage } from "@/app/api/conversations/[conversationId]/messages/route";
import { POST as createSession } from "@/app/api/creative/sessions/route";
import { POST as addVersion } from "@/app/api/creative/sessions/[sessionId]/versions/route";
import { GET as getUsage } from "@/app/api/usage/route";
import { PUT as putBudget } from "@/app/api/usage/budget/route";
import { inngest } from "@/inngest/client";
import { warnNearUsageBudgets } from "@/inngest/functions/usage/warn-near-usage-budgets";
import { emailOutbox, memberships, notifications, usageBudgets, usageLedger } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { currentMonth, loadBudgetState, organizationsDueWarning, setUsageBudget } from "@/server/usage/budget";
import { checkBudgetAndWarn } from "@/server/usage/budget-warning";
import { recordLedgerEntry, type LedgerEntry } from "@/server/usage/record";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { seedColleague, validSpec } from "../appgen/jobs-support";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { seedSession } from "../creative/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let fixtures: World;
let spender: LiveCampaign;
let rival: World;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  fixtures = await seedWorld(handle.db, { name: "Fiona", connect: false });
  spender = await seedLiveCampaign(handle.db, "Spender");
  rival = await seedWorld(handle.db, { name: "Rival", connect: false });
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle.close();
});

const thisMonth = currentMonth();
const inMonth = (day: number) => new Date(`${thisMonth}-${String(day).padStart(2, "0")}T12:00:00Z`);
const entry = (w: { organizationId: string }, key: string, e: Partial<LedgerEntry> & Pick<LedgerEntry, "kind">): LedgerEntry =>
  ({ organizationId: w.organizationId, runId: "r", provider: "test", feature: "creative", dedupeKey: `${w.organizationId}:${key}`, occurredAt: inMonth(2), ...e }) as LedgerEntry;
const put = (cookie: string, body: unknown) => putBudget(jsonRequest("/api/usage/budget", { method: "PUT", cookie, body }));
const post = (url: string, cookie: string, body: unknown) => jsonRequest(url, { method: "POST", cookie, body });

describe("budget state", () => {
  it("sums the month's agency cost exactly (ad spend and other months left out) and reads ok → warning → exceeded", async () => {
    const rows: LedgerEntry[] = [
      entry(fixtures, "sb", { kind: "SANDBOX_SECONDS", seconds: 1_000 }), // 18,600
      entry(fixtures, "mail", { kind: "EMAIL", count: 4, feature: "notifications", occurredAt: inMonth(3) }), // 1,600
      entry(fixtures, "zip", { kind: "STORAGE_BYTES", bytes: 1_000_000_000, feature: "app-generation" }), // 21,000
      entry(fixtures, "ads", { kind: "AD_SPEND_DELTA", deltaMicros: 90_000_000, feature: "optimization" }),
      entry(fixtures, "old", { kind: "EMAIL", count: 100, occurredAt: new Date("2020-01-15T00:00:00Z") }),
    ];
    for (const r of rows) await recordLedgerEntry(handle.db, r);
    const state = () => loadBudgetState(handle.db, { organizationId: fixtures.organizationId, month: thisMonth });
    expect(await state()).toEqual({ month: thisMonth, budgetMicroUsd: null, spentMicroUsd: 41_200, percent: null, state: "ok" });
    await setUsageBudget(handle.db, { organizationId: fixtures.organizationId, monthlyBudgetMicroUsd: 51_501 });
    expect(await state()).toMatchObject({ spentMicroUsd: 41_200, percent: 80, state: "ok" }); // 79.99%
    await setUsageBudget(handle.db, { organizationId: fixtures.organizationId, monthlyBudgetMicroUsd: 51_500 });
    expect(await state()).toMatchObject({ budgetMicroUsd: 51_500, percent: 80, state: "warning" });
    await setUsageBudget(handle.db, { organizationId: fixtures.organizationId, monthlyBudgetMicroUsd: 41_200 });
    expect(await state()).toMatchObject({ percent: 100, state: "exceeded" });
  });
});

describe("PUT /api/usage/budget", () => {
  it("an owner sets the budget; GET /api/usage answers it with the month's figures", async () => {
    const res = await put(rival.owner.cookie, { monthlyBudgetUsd: 25.5 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ budget: { budgetMicroUsd: 25_500_000, spentMicroUsd: 0, percent: 0, state: "ok" } });
    const usage = (await (await getUsage(jsonRequest("/api/usage", { cookie: rival.owner.cookie }))).json()) as { budget: unknown; canSetBudget: boolean };
    expect(usage).toMatchObject({ budget: { budgetMicroUsd: 25_500_000, state: "ok" }, canSetBudget: true });
  });

  it("refuses a member who is not an owner, and another organization's owner only ever sets their own", async () => {
    const colleague = await seedColleague(handle.db, rival, "Mona");
    await handle.db.update(memberships).set({ role: "MEMBER" }).where(eq(memberships.userId, colleague.userId));
    expect((await put(colleague.cookie, { monthlyBudgetUsd: 1 })).status).toBe(403);
    expect((await put(fixtures.owner.cookie, { monthlyBudgetUsd: 99 })).status).toBe(200);
    const [theirs] = await handle.db.select().from(usageBudgets).where(eq(usageBudgets.organizationId, rival.organizationId));
    expect(theirs!.monthlyBudgetMicroUsd).toBe(25_500_000);
    expect((await put("", { monthlyBudgetUsd: 1 })).status).toBe(401);
  });

  it.each([[{ monthlyBudgetUsd: -1 }], [{ monthlyBudgetUsd: "ten" }], [{}], [{ monthlyBudgetUsd: 5, extra: true }]])("validates %j with a 400 naming the field", async (body) => {
    const res = await put(rival.owner.cookie, body);
    expect(res.status).toBe(400);
    const { fields } = (await res.json()) as { fields: { field: string }[] };
    expect(fields.length).toBeGreaterThan(0);
    expect(fields[0]!.field).toMatch(/monthlyBudgetUsd|extra|\(body\)/);
  });
});

describe("at 100% new model-heavy work is refused; chat is not", () => {
  beforeAll(async () => {
    await setUsageBudget(handle.db, { organizationId: spender.organizationId, monthlyBudgetMicroUsd: 1_000_000 });
    await recordLedgerEntry(handle.db, entry(spender, "spent", { kind: "SANDBOX_SECONDS", seconds: 60_000 })); // $1.116 ≥ $1
    // Crossing sends (and bills) the month's warning email first, so every refusal below reads the same figures.
    await checkBudgetAndWarn(embeddedDeps(handle.db), { organizationId: spender.organizationId });
  });
  const cookie = () => spender.owner.cookie;
  const refused = async (res: Response) => {
    expect(res.status).toBe(402);
    // 1,116,000 of sandbox and the 400 µ$ warning email.
    expect(await res.json()).toMatchObject({
      code: "usage_budget_exceeded",
      budgetMicroUsd: 1_000_000,
      spentMicroUsd: 1_116_400,
      percent: 111.6,
      error: expect.stringContaining("($1.12 of $1.00)"),
    });
  };

  it("creative generation (a new session and a new version)", async () => {
    await refused(await createSession(post("/api/creative/sessions", cookie(), { brandName: "B", brandUrl: "https://bakery.example/", projectId: spender.projectId })));
    const session = await seedSession(handle.db, spender);
    const res = await addVersion(post(`/api/creative/sessions/${session.sessionId}/versions`, cookie(), { feedback: "warmer" }), { params: Promise.resolve({ sessionId: session.sessionId }) });
    await refused(res);
  });

  it("app generation", async () => {
    await refused(await submitAppJob(post("/api/appgen/jobs", cookie(), validSpec(spender.projectId))));
  });

  it("agent task submission", async () => {
    await refused(await submitIssue(post("/api/agents", cookie(), { title: "Write hooks", description: "For the sale", projectId: spender.projectId })));
  });

  it("chat stays usable", async () => {
    vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const res = await postMessage(post(`/api/conversations/${spender.conversationId}/messages`, cookie(), { content: "How is it doing?" }), {
      params: Promise.resolve({ conversationId: spender.conversationId }),
    });
    expect(res.status).toBe(202);
  });
});

describe("the 80% warning", () => {
  it("is sent once (one notification and one email per owner) under concurrent crossings, and the month is stored", async () => {
    const w = await seedWorld(handle.db, { name: "Wanda", connect: false });
    await setUsageBudget(handle.db, { organizationId: w.organizationId, monthlyBudgetMicroUsd: 1_000 });
    await recordLedgerEntry(handle.db, entry(w, "mail", { kind: "EMAIL", count: 2, occurredAt: new Date() })); // 800 = 80%
    const deps = embeddedDeps(handle.db);
    const states = await Promise.all(Array.from({ length: 5 }, () => checkBudgetAndWarn(deps, { organizationId: w.organizationId })));
    expect(states.every((s) => s.state === "warning")).toBe(true);
    await checkBudgetAndWarn(deps, { organizationId: w.organizationId });

    const bells = await handle.db.select().from(notifications).where(and(eq(notifications.organizationId, w.organizationId), like(notifications.dedupeKey, "usage-budget-warning:%")));
    expect(bells).toMatchObject([{ userId: w.owner.userId, type: "ALERT", link: "/usage" }]);
    const mails = await handle.db.select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, w.organizationId), eq(emailOutbox.template, "usage-budget-warning")));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ status: "SENT", to: w.owner.email });
    const [budget] = await handle.db.select().from(usageBudgets).where(eq(usageBudgets.organizationId, w.organizationId));
    expect(budget!.warnedMonth).toBe(thisMonth);
    // The warning email is itself billed once.
    const billed = await handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, `email:${mails[0]!.idempotencyKey}`));
    expect(billed).toHaveLength(1);
  });

  it("is not sent below 80%", async () => {
    const w = await seedWorld(handle.db, { name: "Low", connect: false });
    await setUsageBudget(handle.db, { organizationId: w.organizationId, monthlyBudgetMicroUsd: 1_000_000 });
    await recordLedgerEntry(handle.db, entry(w, "mail", { kind: "EMAIL", count: 1, occurredAt: new Date() }));
    await checkBudgetAndWarn(embeddedDeps(handle.db), { organizationId: w.organizationId });
    expect(await handle.db.select().from(notifications).where(eq(notifications.organizationId, w.organizationId))).toEqual([]);
  });
});

describe("warn-near-usage-budgets (cron)", () => {
  it("warns the organization whose chat crossed 80% with no gate in between, once, and leaves the others alone", async () => {
    const chatty = await seedWorld(handle.db, { name: "Chatty", connect: false });
    const quiet = await seedWorld(handle.db, { name: "Quiet", connect: false });
    const told = await seedWorld(handle.db, { name: "Told", connect: false });
    const chat = (w: World) =>
      entry(w, "chat", { kind: "MODEL_TOKENS", model: "claude-sonnet-5-5", inputTokens: 0, outputTokens: 450, feature: "onboarding-chat", occurredAt: new Date() });
    for (const [w, budget] of [[chatty, 5_000], [quiet, 500_000], [told, 5_000]] as const) {
      await setUsageBudget(handle.db, { organizationId: w.organizationId, monthlyBudgetMicroUsd: budget });
      await recordLedgerEntry(handle.db, chat(w)); // 4,500 micros: 90% of 5,000, 0.9% of 500,000
    }
    await handle.db.update(usageBudgets).set({ warnedMonth: thisMonth }).where(eq(usageBudgets.organizationId, told.organizationId));
    const due = await organizationsDueWarning(handle.db, { month: thisMonth, limit: 1_000 });
    expect(due).toContain(chatty.organizationId);
    expect(due).not.toContain(quiet.organizationId);
    expect(due).not.toContain(told.organizationId);

    const tick = { name: "inngest/scheduled.timer", data: { cron: "TZ=UTC */15 * * * *" }, ts: Date.now(), id: "tick" };
    const { transformCtx } = testCtx();
    const { result, error } = await new InngestTestEngine({ function: warnNearUsageBudgets, events: [tick as never], transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ month: thisMonth, warned: due.length });
    const bells = (w: World) =>
      handle.db.select().from(notifications).where(and(eq(notifications.organizationId, w.organizationId), like(notifications.dedupeKey, "usage-budget-warning:%")));
    expect(await bells(chatty)).toMatchObject([{ userId: chatty.owner.userId, title: "90% of this month's budget used" }]);
    expect(await bells(quiet)).toEqual([]);
    expect(await bells(told)).toEqual([]);
    expect(await organizationsDueWarning(handle.db, { month: thisMonth, limit: 1_000 })).not.toContain(chatty.organizationId);
  });
});
