import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnv } from "@/env";
import { campaignPlanApproved, campaignPlanGenerated } from "@/inngest/events";
import { awaitPlanApproval } from "@/inngest/functions/campaign/await-plan-approval";
import { campaignRecords, emailOutbox, messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedPlannedWorld, testCtx } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});

afterEach(() => {
  delete process.env.PLAN_REMINDER_AFTER;
  delete process.env.PLAN_APPROVAL_TIMEOUT;
  resetEnv();
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function planned(name: string) {
  const w = await seedPlannedWorld(handle.db, name);
  const [plan] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
  const event = campaignPlanGenerated.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, version: 1 });
  return { w, plan: plan!, event };
}

describe("await-plan-approval", () => {
  it("waits on the campaign id with the configured timeouts, reminds once, then expires the plan", async () => {
    process.env.PLAN_REMINDER_AFTER = "2h";
    process.env.PLAN_APPROVAL_TIMEOUT = "3h";
    resetEnv();
    const { w, plan, event } = await planned("Opal");
    const ctx = testCtx();
    const { result, ctx: runCtx } = await new InngestTestEngine({ function: awaitPlanApproval, events: [event as never], transformCtx: ctx.transformCtx }).execute();
    expect(result).toEqual({ outcome: "expired" });
    expect(runCtx.step.waitForEvent).toHaveBeenCalledWith("wait-for-approval", expect.objectContaining({ match: "data.campaignId", timeout: "2h" }));
    expect(runCtx.step.waitForEvent).toHaveBeenCalledWith("wait-for-approval-after-reminder", expect.objectContaining({ timeout: 3_600_000 }));

    const reminders = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `plan-reminder:${plan.id}:v1`));
    expect(reminders).toMatchObject([{ template: "plan-reminder", to: w.owner.email }]);
    const [row] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, plan.id));
    expect(row!.status).toBe("EXPIRED");
    const notes = await handle.db.select().from(messages).where(eq(messages.conversationId, row!.conversationId!));
    expect(notes.filter((m) => m.metadata?.kind === "campaign-plan-expired")).toHaveLength(1);
  });

  it("ends quietly when the approval arrives, and never expires an approved plan", async () => {
    const { w, plan, event } = await planned("Pia");
    const approval = campaignPlanApproved.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: plan.id, version: 1, approvedBy: w.owner.userId });
    const ctx = testCtx({ waits: { "wait-for-approval": approval } });
    const { result } = await new InngestTestEngine({ function: awaitPlanApproval, events: [event as never], transformCtx: ctx.transformCtx }).execute();
    expect(result).toEqual({ outcome: "approved" });

    // A plan approved while nobody was waiting: the reminder step sees it and stops.
    await handle.db.update(campaignRecords).set({ status: "APPROVED" }).where(eq(campaignRecords.id, plan.id));
    const late = await new InngestTestEngine({ function: awaitPlanApproval, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
    expect(late.result).toEqual({ outcome: "decided-elsewhere" });
    expect(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `plan-reminder:${plan.id}:v1`))).toHaveLength(0);
  });
});
