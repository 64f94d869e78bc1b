import { InngestTestEngine } from "@inngest/test";
import { and, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnv } from "@/env";
import { optimizationActionApplyRequested, optimizationActionApproved, optimizationActionProposed } from "@/inngest/events";
import { applyOptimizationAction } from "@/inngest/functions/optimization/apply-optimization-action";
import { awaitActionApproval } from "@/inngest/functions/optimization/await-action-approval";
import { campaignRecords, emailOutbox, messages, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { approveAction } from "@/server/optimization/approval";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { AD_ACCOUNT, decision, depsWith, fakeLiveAccount, loadAction, record, seedLiveCampaign, type LiveCampaign } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterEach(() => {
  delete process.env.OPTIMIZATION_REMINDER_AFTER;
  delete process.env.OPTIMIZATION_APPROVAL_TIMEOUT;
  resetEnv();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const ref = (c: LiveCampaign, actionId: string) => ({
  organizationId: c.organizationId,
  projectId: c.projectId,
  campaignId: c.campaignId,
  actionId,
  adAccountId: AD_ACCOUNT,
});

async function pauseCampaignProposal(name: string) {
  const c = await seedLiveCampaign(handle.db, name);
  const action = await record(
    handle.db,
    c,
    decision({
      rule: "unprofitable-campaign",
      kind: "PAUSE_CAMPAIGN",
      objectType: "campaign",
      objectId: "cmp-1",
      objectIds: ["cmp-1"],
      before: { statuses: { "cmp-1": "ACTIVE" } },
      after: { statuses: { "cmp-1": "PAUSED" } },
      disposition: "approval",
    }),
  );
  const event = optimizationActionProposed.create({ ...ref(c, action.id), requiresApproval: true });
  return { c, action, event };
}

const run = (fn: typeof awaitActionApproval | typeof applyOptimizationAction, event: unknown, waits: Record<string, unknown> = {}) => {
  const ctx = testCtx({ waits });
  return new InngestTestEngine({ function: fn, events: [event as never], transformCtx: ctx.transformCtx })
    .execute()
    .then((r) => ({ ...r, sent: ctx.sent }));
};

const sentIds = (sent: { payload: unknown }[]) => sent.flatMap((s) => [s.payload].flat() as { name: string; id?: string }[]);

describe("await-action-approval", () => {
  it("sends an autonomous action straight to apply, with the deterministic event id", async () => {
    const c = await seedLiveCampaign(handle.db, "auto");
    const action = await record(handle.db, c, decision());
    const { result, sent } = await run(awaitActionApproval, optimizationActionProposed.create({ ...ref(c, action.id), requiresApproval: false }));
    expect(result).toEqual({ outcome: "autonomous" });
    expect(sentIds(sent)).toEqual([expect.objectContaining({ name: "optimization/action.apply-requested", id: `action-apply-${action.id}` })]);
  });

  it("posts the card, notifies and emails the owner once, and leaves the apply to the approval event itself", async () => {
    const { c, action, event } = await pauseCampaignProposal("card");
    const approved = optimizationActionApproved.create({ ...ref(c, action.id), approvedBy: c.owner.userId });
    const { result, sent, ctx } = await run(awaitActionApproval, event, { "wait-for-approval": approved });
    expect(result).toEqual({ outcome: "approved" });
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("wait-for-approval", expect.objectContaining({ match: "data.actionId", timeout: "24h" }));
    const card = await handle.db.select().from(messages).where(and(eq(messages.conversationId, c.conversationId), eq(messages.type, "AGENT_ACTION")));
    expect(card).toHaveLength(1);
    expect(card[0]!.metadata).toMatchObject({ kind: "optimization-action", actionId: action.id, status: "AWAITING_APPROVAL", title: "Pause the whole campaign" });
    expect(await handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `action-approval-needed:${action.id}`))).toHaveLength(1);
    const mails = await handle.db.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `%:${action.id}`));
    expect(mails).toMatchObject([{ template: "action-approval-needed", to: c.owner.email }]);
    // apply-optimization-action is triggered by the approval event; the waiter sends no second request.
    expect(sentIds(sent).map((e) => e.id)).not.toContain(`action-apply-${action.id}`);
    expect(applyOptimizationAction.opts.triggers).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: "optimization/action.approved" })]),
    );
  });

  it("never approves by itself: with no answer it reminds once, then expires the action, and nothing is applied", async () => {
    process.env.OPTIMIZATION_REMINDER_AFTER = "2h";
    process.env.OPTIMIZATION_APPROVAL_TIMEOUT = "5h";
    resetEnv();
    const { action, event } = await pauseCampaignProposal("silence");
    const { result, sent, ctx } = await run(awaitActionApproval, event);
    expect(result).toEqual({ outcome: "expired" });
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("wait-for-approval-after-reminder", expect.objectContaining({ timeout: 3 * 3_600_000 }));
    expect((await loadAction(handle.db, action.id)).status).toBe("EXPIRED");
    const mails = await handle.db.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `%:${action.id}`));
    expect(mails.map((m) => m.idempotencyKey).sort()).toEqual([`action-approval-needed:${action.id}`, `action-approval-reminder:${action.id}`]);
    expect(sentIds(sent).some((e) => e.name === "optimization/action.apply-requested")).toBe(false);
  });

  it("applies an approval its wait missed (sent before the wait began): the database has the last word", async () => {
    const { c, action, event } = await pauseCampaignProposal("missed");
    const decided = await approveAction(embeddedDeps(handle.db), { actionId: action.id, actor: { userId: c.owner.userId, organizationId: c.organizationId } });
    expect(decided.ok).toBe(true);
    const { result, sent } = await run(awaitActionApproval, event);
    expect(result).toEqual({ outcome: "approved" });
    expect(sentIds(sent).map((e) => e.id)).toContain(`action-apply-${action.id}`);
    expect(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `action-approval-reminder:${action.id}`))).toHaveLength(0);
  });
});

describe("apply-optimization-action", () => {
  it("applies an approved pause, marks the campaign PAUSED and emits applied once", async () => {
    const { c, action } = await pauseCampaignProposal("apply-fn");
    await approveAction(embeddedDeps(handle.db), { actionId: action.id, actor: { userId: c.owner.userId, organizationId: c.organizationId } });
    const fb = fakeLiveAccount({ "cmp-1": { status: "ACTIVE" } });
    setDeps(depsWith(handle.db, fb.platform));
    const { result, sent } = await run(applyOptimizationAction, optimizationActionApplyRequested.create(ref(c, action.id)));
    expect(result).toEqual({ status: "APPLIED" });
    expect(fb.writes).toEqual(["cmp-1:status=PAUSED"]);
    expect(sentIds(sent)).toEqual([expect.objectContaining({ name: "optimization/action.applied", id: `action-applied-${action.id}` })]);
    expect((await loadAction(handle.db, action.id)).decidedBy).toBe(c.owner.userId);
    const [campaign] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, c.campaignId));
    expect(campaign!.status).toBe("PAUSED");
    const again = await run(applyOptimizationAction, optimizationActionApplyRequested.create(ref(c, action.id)));
    expect(again.result).toEqual({ status: "APPLIED" });
    expect(fb.writes).toHaveLength(1);
  });

  it("turns an approved audience change into a plan change request, then APPLIED", async () => {
    const c = await seedLiveCampaign(handle.db, "audience");
    const action = await record(
      handle.db,
      c,
      decision({ rule: "audience-saturated", kind: "CHANGE_AUDIENCE", objectType: "campaign", objectId: "cmp-1", objectIds: ["cmp-1"], before: {}, after: {}, disposition: "approval" }),
    );
    await approveAction(embeddedDeps(handle.db), { actionId: action.id, actor: { userId: c.owner.userId, organizationId: c.organizationId } });
    const { result, sent } = await run(applyOptimizationAction, optimizationActionApplyRequested.create(ref(c, action.id)));
    expect(result).toEqual({ status: "APPLIED" });
    const events = sentIds(sent);
    expect(events[0]).toMatchObject({
      name: "campaign/plan.changes-requested",
      id: `action-plan-change-${action.id}`,
      data: expect.objectContaining({ campaignId: c.campaignId, requestedBy: c.owner.userId, feedback: expect.stringMatching(/new people/) }),
    });
    expect(events[1]).toMatchObject({ name: "optimization/action.applied" });
  });
});
