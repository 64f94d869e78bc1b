import { describe, expect, inject, it } from "vitest";
import { signedInClient, type AppClient } from "./support/app-api";
import { DevServer, type DevEvent } from "./support/dev-server-api";
import { approvePlan, listSimulatedObjects, onboardToPendingPlan, runOf, type SimulatedObject } from "./support/product-flow";

const devServer = new DevServer(inject("devServerUrl"));

interface LedgerAction {
  id: string;
  kind: string;
  status: string;
  objectId: string;
  objectIds: string[];
  before: { statuses?: Record<string, string>; dailyBudgets?: Record<string, number> };
  after: { statuses?: Record<string, string>; dailyBudgets?: Record<string, number> };
}

async function ledger(app: AppClient, campaignId: string) {
  const res = await app.request<{ conversationId: string; actions: LedgerAction[] }>("GET", `/api/optimization/campaigns/${campaignId}/actions`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function waitForLedger(app: AppClient, campaignId: string, what: string, done: (a: LedgerAction[]) => boolean) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { actions } = await ledger(app, campaignId);
    if (done(actions)) return actions;
    if (Date.now() > deadline) throw new Error(`ledger never showed ${what}: ${JSON.stringify(actions.map((a) => [a.kind, a.status]))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function post(app: AppClient, path: string, body: unknown, status: number) {
  const res = await app.request<Record<string, unknown>>("POST", path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** Advances the organization's simulated clock, sweeps, and waits until this campaign's monitoring runs finished. */
async function advanceAndSweep(app: AppClient, campaignId: string, days: number): Promise<DevEvent> {
  const since = new Date(Date.now() - 1_000);
  await post(app, "/api/dev/simulated-clock", { days }, 200);
  const { sweepId } = (await post(app, "/api/dev/performance-sweep", {}, 202)) as { sweepId: string };
  const pulled = await devServer.waitForEvent("performance/snapshot.pulled", { campaignId, sweepId }, { since, timeoutMs: 90_000 });
  for (const slug of ["aigency-detect-significant-changes", "aigency-evaluate-optimizations"]) {
    const run = await runOf(devServer, pulled, slug);
    await devServer.waitForRunStatus(run.id, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
  }
  return pulled;
}

const byId = (objects: SimulatedObject[]) => new Map(objects.map((o) => [o.id, o as SimulatedObject & { fields: Record<string, unknown> }]));
const budgetOf = (o: { fields: Record<string, unknown> } | undefined) => Number(o?.fields.daily_budget);

describe("monitoring and optimisation through the real engine (embedded Facebook, simulated clock)", () => {
  it("deploy → 10 simulated days → sweep: an alert and one autonomous pause; 4 days on a budget raise applied once after approval; a stale proposal ends in CONFLICT", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "monitoring");
    const { campaignId } = await onboardToPendingPlan(app, devServer, since);
    await approvePlan(app, campaignId);
    await devServer.waitForEvent("campaign/deployed", { campaignId }, { since, timeoutMs: 120_000 });

    // Ten days in, the weak second ad is paused on its own, once, and the owner is told in plain words.
    await advanceAndSweep(app, campaignId, 10);
    const first = await waitForLedger(app, campaignId, "an applied pause", (a) => a.some((x) => x.kind === "PAUSE_AD" && x.status === "APPLIED"));
    const pauses = first.filter((a) => a.kind === "PAUSE_AD");
    expect(pauses).toHaveLength(1);
    expect(byId(await listSimulatedObjects(app)).get(pauses[0]!.objectId)?.status).toBe("PAUSED");
    const { conversationId } = await ledger(app, campaignId);
    const thread = async () => {
      const res = await app.request<{ messages: { type: string; content: string; metadata: Record<string, unknown> | null }[] }>(
        "GET",
        `/api/conversations/${conversationId}/messages`,
      );
      expect(res.status).toBe(200);
      return res.body.messages;
    };
    expect((await thread()).some((m) => m.type === "TEXT" && /week/i.test(m.content))).toBe(true);

    // With the weak ad gone the campaign returns over 3× what it spends: a raise, which waits for the owner.
    await advanceAndSweep(app, campaignId, 4);
    const actions = await waitForLedger(app, campaignId, "a raise awaiting approval", (a) =>
      a.some((x) => x.kind === "RAISE_BUDGET" && x.status === "AWAITING_APPROVAL"),
    );
    expect(actions.filter((a) => a.kind === "PAUSE_AD")).toHaveLength(1);
    const raise = actions.find((a) => a.kind === "RAISE_BUDGET")!;
    // The row is AWAITING_APPROVAL from its insert; its card is posted by await-action-approval's next step.
    await expect.poll(async () => (await thread()).some((m) => m.type === "AGENT_ACTION" && m.metadata?.actionId === raise.id), { timeout: 60_000 }).toBe(true);

    // Approve → applied exactly once: every ad set at its new budget.
    const approvedSince = new Date(Date.now() - 1_000);
    await post(app, `/api/optimization/actions/${raise.id}/approve`, { confirm: true }, 202);
    const approved = await devServer.waitForEvent("optimization/action.approved", { actionId: raise.id }, { since: approvedSince });
    await devServer.waitForEvent("optimization/action.applied", { actionId: raise.id }, { since: approvedSince, timeoutMs: 90_000 });
    const afterApply = byId(await listSimulatedObjects(app));
    for (const [adSetId, cents] of Object.entries(raise.after.dailyBudgets ?? {})) expect(budgetOf(afterApply.get(adSetId))).toBe(cents);
    const historyLength = (id: string) => (afterApply.get(id)?.fields._budgetHistory as unknown[] | undefined)?.length ?? 0;
    const lengths = Object.keys(raise.after.dailyBudgets ?? {}).map(historyLength);

    // Rerunning the apply run changes nothing on Facebook.
    const applyRun = await runOf(devServer, approved, "aigency-apply-optimization-action");
    await devServer.waitForRunStatus(applyRun.id, { statuses: ["COMPLETED"] });
    const rerunId = await devServer.rerun(applyRun.id);
    const rerun = await devServer.waitForRunStatus(rerunId, { statuses: ["COMPLETED"], timeoutMs: 60_000 });
    expect(rerun.output).toMatchObject({ status: "APPLIED" });
    const afterRerun = byId(await listSimulatedObjects(app));
    for (const [adSetId, cents] of Object.entries(raise.after.dailyBudgets ?? {})) expect(budgetOf(afterRerun.get(adSetId))).toBe(cents);
    expect(Object.keys(raise.after.dailyBudgets ?? {}).map((id) => (afterRerun.get(id)?.fields._budgetHistory as unknown[] | undefined)?.length ?? 0)).toEqual(lengths);
    expect((await ledger(app, campaignId)).actions.filter((a) => a.id === raise.id).map((a) => a.status)).toEqual(["APPLIED"]);

    // Four days on, the winner qualifies again; someone changes a budget in Ads Manager before the
    // owner approves: the stale proposal ends in CONFLICT and the person's value stands.
    await advanceAndSweep(app, campaignId, 4);
    const next = (
      await waitForLedger(app, campaignId, "a second raise awaiting approval", (a) =>
        a.some((x) => x.kind === "RAISE_BUDGET" && x.status === "AWAITING_APPROVAL" && x.id !== raise.id),
      )
    ).find((x) => x.kind === "RAISE_BUDGET" && x.status === "AWAITING_APPROVAL")!;
    const [changedAdSet] = Object.keys(next.before.dailyBudgets ?? {});
    const personsBudget = (next.before.dailyBudgets![changedAdSet!]! ?? 0) + 700;
    await post(app, `/api/dev/simulated-ad-objects/${changedAdSet}`, { dailyBudgetCents: personsBudget }, 200);
    const conflictSince = new Date(Date.now() - 1_000);
    await post(app, `/api/optimization/actions/${next.id}/approve`, { confirm: true }, 202);
    const notApplied = await devServer.waitForEvent("optimization/action.not-applied", { actionId: next.id }, { since: conflictSince, timeoutMs: 90_000 });
    expect(notApplied.data.status).toBe("CONFLICT");
    expect(budgetOf(byId(await listSimulatedObjects(app)).get(changedAdSet!))).toBe(personsBudget);
  });
});
