import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { applyOptimizationAction } from "@/inngest/functions/optimization/apply-optimization-action";
import { awaitActionApproval } from "@/inngest/functions/optimization/await-action-approval";
import { changeBudgetTool } from "@/server/agent/tools/money/change-budget";
import { pauseCampaignTool } from "@/server/agent/tools/money/pause-campaign";
import { resumeCampaignTool } from "@/server/agent/tools/money/resume-campaign";
import { startNewCampaignTool } from "@/server/agent/tools/money/start-new-campaign";
import { campaignRecords, facebookObjectStates, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { applyAction } from "@/server/optimization/apply";
import { saveAutonomyPolicy, DEFAULT_AUTONOMY_POLICY } from "@/server/optimization/policy";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { loadAction } from "../optimization/support";
import { actionsOf, approveAs, seedSimCampaign, toolCtx } from "./money-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const actionIdOf = (events: { data: Record<string, unknown> }[] | undefined) => events?.[0]?.data.actionId as string;

describe("the agent's money tools, end to end", () => {
  it("pause: tool → AWAITING_APPROVAL → approve route → apply → the simulated campaign is paused, before/after recorded", async () => {
    const c = await seedSimCampaign(handle.db, "pause");
    const ctx = toolCtx(c);
    const result = await pauseCampaignTool.run(ctx, { reason: "Closed for the holidays" });
    expect(result.status).toBe("proposed");
    const actionId = actionIdOf(result.events);
    expect(result.events).toEqual([
      {
        name: "optimization/action.proposed",
        id: `action-proposed-${actionId}`,
        data: expect.objectContaining({ actionId, requiresApproval: true, adAccountId: c.fb.adAccountId, campaignId: c.campaignId }),
      },
    ]);
    const row = await loadAction(handle.db, actionId);
    expect(row).toMatchObject({
      rule: "owner-request",
      kind: "PAUSE_CAMPAIGN",
      status: "AWAITING_APPROVAL",
      requiresApproval: true,
      idempotencyKey: `owner-request:${ctx.messageId}:${ctx.callIndex}`,
      before: { statuses: { [c.fbCampaignId]: "ACTIVE" } },
      after: { statuses: { [c.fbCampaignId]: "PAUSED" } },
      decidedBy: null,
    });
    expect(row.reason).toContain("Closed for the holidays");

    // A retried step finds its own row: one row, the same event.
    const again = await pauseCampaignTool.run(ctx, { reason: "Closed for the holidays" });
    expect(again.events).toEqual(result.events);
    expect(await actionsOf(handle.db, c.campaignId)).toHaveLength(1);

    // Not approved: apply refuses to touch Facebook.
    expect((await applyAction(c.deps, { organizationId: c.organizationId, actionId, runKey: "r0" })).status).toBe("SKIPPED");
    expect(await c.deps.services.facebook.readObjects(c.fb, [c.fbCampaignId])).toEqual([expect.objectContaining({ status: "ACTIVE" })]);

    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
    expect((await approveAs(c.owner.cookie, actionId)).status).toBe(202);
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "optimization/action.approved", id: `action-approved-${actionId}` }));
    expect((await applyAction(c.deps, { organizationId: c.organizationId, actionId, runKey: "r1" })).status).toBe("APPLIED");
    expect(await c.deps.services.facebook.readObjects(c.fb, [c.fbCampaignId])).toEqual([expect.objectContaining({ status: "PAUSED" })]);
    expect(await loadAction(handle.db, actionId)).toMatchObject({ status: "APPLIED", decidedBy: c.owner.userId });
    const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, c.campaignId));
    expect(record!.status).toBe("PAUSED");

    // Already paused: nothing more to pause.
    expect((await pauseCampaignTool.run(toolCtx(c), {})).status).toBe("refused");

    // Resume: the same path; the campaign runs again and our record says so.
    const resumed = await resumeCampaignTool.run(toolCtx(c), {});
    const resumeId = actionIdOf(resumed.events);
    expect(await loadAction(handle.db, resumeId)).toMatchObject({ kind: "RESUME_CAMPAIGN", status: "AWAITING_APPROVAL", requiresApproval: true });
    expect((await approveAs(c.owner.cookie, resumeId)).status).toBe(202);
    expect((await applyAction(c.deps, { organizationId: c.organizationId, actionId: resumeId, runKey: "r2" })).status).toBe("APPLIED");
    expect(await c.deps.services.facebook.readObjects(c.fb, [c.fbCampaignId])).toEqual([expect.objectContaining({ status: "ACTIVE" })]);
    const [after] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, c.campaignId));
    expect(after!.status).toBe("ACTIVE");
  });

  it("resume of a campaign a person paused in Ads Manager: the card says so, and only the owner's approval turns it back on", async () => {
    const c = await seedSimCampaign(handle.db, "held");
    await c.deps.services.facebook.updateStatus(c.fb, c.fbCampaignId, "PAUSED");
    await handle.db.insert(facebookObjectStates).values({
      organizationId: c.organizationId,
      campaignId: c.campaignId,
      adAccountId: c.fb.adAccountId,
      objectType: "campaign",
      objectId: c.fbCampaignId,
      outsideStatus: "PAUSED",
      heldAt: new Date(),
    });
    const result = await resumeCampaignTool.run(toolCtx(c), {});
    const actionId = actionIdOf(result.events);
    const row = await loadAction(handle.db, actionId);
    expect(row.reason).toContain("outside the agency");
    expect((await approveAs(c.owner.cookie, actionId)).status).toBe(202);
    expect((await applyAction(c.deps, { organizationId: c.organizationId, actionId, runKey: "r" })).status).toBe("APPLIED");
    expect(await c.deps.services.facebook.readObjects(c.fb, [c.fbCampaignId])).toEqual([expect.objectContaining({ status: "ACTIVE" })]);
    const [state] = await handle.db
      .select()
      .from(facebookObjectStates)
      .where(and(eq(facebookObjectStates.organizationId, c.organizationId), eq(facebookObjectStates.objectId, c.fbCampaignId)));
    expect(state!.heldAt).toBeNull();
  });

  it("budget: a new total split in proportion over the ad sets, applied only after approval", async () => {
    const c = await seedSimCampaign(handle.db, "budget", [4000, 2000]);
    const result = await changeBudgetTool.run(toolCtx(c), { dailyBudget: 90 });
    const actionId = actionIdOf(result.events);
    const [a, b] = c.adSetIds as [string, string];
    expect(await loadAction(handle.db, actionId)).toMatchObject({
      kind: "CHANGE_BUDGET",
      status: "AWAITING_APPROVAL",
      requiresApproval: true,
      before: { dailyBudgets: { [a]: 4000, [b]: 2000 } },
      after: { dailyBudgets: { [a]: 6000, [b]: 3000 } },
      moneyMovedCents: 3000,
      budgetChangePercent: 50,
    });
    // A second request while this one waits is refused, not stacked.
    expect((await changeBudgetTool.run(toolCtx(c), { dailyBudget: 70 })).status).toBe("refused");
    expect((await approveAs(c.owner.cookie, actionId)).status).toBe(202);
    expect((await applyAction(c.deps, { organizationId: c.organizationId, actionId, runKey: "r" })).status).toBe("APPLIED");
    const live = await c.deps.services.facebook.readObjects(c.fb, [a, b]);
    expect(live.map((o) => o.dailyBudgetCents)).toEqual([6000, 3000]);
    expect((await loadAction(handle.db, actionId)).outcome).toContain("$40 → $60 a day");
  });

  it("a change above the block limit is BLOCKED (recorded, no event); dry run records DRY_RUN", async () => {
    const c = await seedSimCampaign(handle.db, "blocked", [4000, 2000]);
    const blocked = await changeBudgetTool.run(toolCtx(c), { dailyBudget: 360 });
    expect(blocked.status).toBe("refused");
    expect(blocked.summary).toContain("block changes above 100%");
    expect(blocked.events).toBeUndefined();
    await saveAutonomyPolicy(handle.db, { organizationId: c.organizationId, userId: c.owner.userId, policy: { ...DEFAULT_AUTONOMY_POLICY, dryRun: true } });
    const dry = await pauseCampaignTool.run(toolCtx(c), {});
    expect(dry.events).toBeUndefined();
    expect((await actionsOf(handle.db, c.campaignId)).map((r) => r.status).sort()).toEqual(["BLOCKED", "DRY_RUN"]);
  });

  it("refuses plainly without a live campaign, and never reads another organization's", async () => {
    const mine = await seedSimCampaign(handle.db, "mine");
    const other = await seedSimCampaign(handle.db, "other");
    const ctx = toolCtx(mine, { projectId: other.projectId });
    for (const tool of [pauseCampaignTool, resumeCampaignTool]) expect((await tool.run(ctx, {})).status).toBe("refused");
    expect((await changeBudgetTool.run(ctx, { dailyBudget: 10 })).status).toBe("refused");
    expect((await startNewCampaignTool.run(ctx, {})).status).toBe("refused");
    expect(await actionsOf(handle.db, other.campaignId)).toHaveLength(0);
  });
});

/** Runs one Inngest function on an event (as the tool returned it, or as the approve route sent it). */
async function runFn(fn: typeof awaitActionApproval | typeof applyOptimizationAction, event: unknown, waits: Record<string, unknown> = {}) {
  const ctx = testCtx({ waits });
  const r = await new InngestTestEngine({ function: fn, events: [event as never], transformCtx: ctx.transformCtx }).execute();
  return { result: r.result, sent: ctx.sent.flatMap((s) => [s.payload].flat() as { name: string; id?: string }[]) };
}

describe("through the Inngest functions", () => {
  it("the tool's event posts the usual card; the approve route's event applies the new budget on the simulated account", async () => {
    const c = await seedSimCampaign(handle.db, "functions", [3000, 3000]);
    const result = await changeBudgetTool.run(toolCtx(c), { dailyBudget: 45 });
    const actionId = actionIdOf(result.events);
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["e"] });
    expect((await approveAs(c.owner.cookie, actionId)).status).toBe(202);
    const approved = send.mock.calls[0]![0] as { name: string; data: unknown };
    const waited = await runFn(awaitActionApproval, result.events![0], { "wait-for-approval": approved });
    expect(waited.result).toEqual({ outcome: "approved" });
    const [card] = await handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, c.conversationId), eq(messages.type, "AGENT_ACTION")));
    expect(card!.metadata).toMatchObject({ kind: "optimization-action", actionId, title: "Change the daily budget from $60 to $45" });
    const applied = await runFn(applyOptimizationAction, approved);
    expect(applied.result).toEqual({ status: "APPLIED" });
    expect(applied.sent.map((e) => e.name)).toEqual(["optimization/action.applied"]);
    const live = await c.deps.services.facebook.readObjects(c.fb, c.adSetIds);
    expect(live.map((o) => o.dailyBudgetCents)).toEqual([2250, 2250]);
  });
});

describe("start_new_campaign", () => {
  it("asks the planner for a new version (deterministic event id); a pending plan is answered first", async () => {
    const c = await seedSimCampaign(handle.db, "new");
    const ctx = toolCtx(c);
    const result = await startNewCampaignTool.run(ctx, { note: "For the Christmas boxes" });
    expect(result.status).toBe("proposed");
    expect(result.events).toEqual([
      {
        name: "campaign/plan.changes-requested",
        id: `agent-new-campaign-${ctx.messageId}-${ctx.callIndex}`,
        data: expect.objectContaining({ campaignId: c.campaignId, version: 1, requestedBy: c.owner.userId, feedback: expect.stringContaining("Christmas boxes") }),
      },
    ]);
    await handle.db.insert(campaignRecords).values({
      organizationId: c.organizationId,
      projectId: c.projectId,
      version: 2,
      sourceKey: `revise:${c.campaignId}`,
      claimedByRunId: "r",
      status: "PENDING_APPROVAL",
    });
    expect((await startNewCampaignTool.run(toolCtx(c), {})).status).toBe("refused");
    expect(await actionsOf(handle.db, c.campaignId)).toHaveLength(0);
  });
});
