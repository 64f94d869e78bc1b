import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignPlanApproved, optimizationActionApplyRequested, performanceSnapshotPulled } from "@/inngest/events";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { applyOptimizationAction } from "@/inngest/functions/optimization/apply-optimization-action";
import { evaluateOptimizations } from "@/inngest/functions/optimization/evaluate-optimizations";
import { approvePlan } from "@/server/campaigns/approval";
import { resumeDeployment } from "@/server/campaigns/deploy-actions";
import { campaignRecords, messages, notifications, optimizationActions } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import type { AdPlatform } from "@/server/services/facebook/types";
import { recordAccountStanding } from "@/server/webhooks/ad-account-states";
import { readAccountStanding, type AccountStanding } from "@/server/webhooks/account-status";
import { automationPausedFor } from "@/server/webhooks/automation-guard";
import { createTestDb } from "../../support/db";
import { AD_ACCOUNT, embeddedDeps, fakeAdPlatform, seedPlannedWorld, testCtx } from "../campaigns/support";
import { decision, fakeLiveAccount, loadAction, record, seedLiveCampaign } from "../optimization/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

let clock = 1_790_000_000;
/** Facebook reports the account's status (a newer report each call) for one organization. */
async function report(organizationId: string, code: number, adAccountId = AD_ACCOUNT) {
  const standing = readAccountStanding({ object: "ad_account", entryId: adAccountId, value: { account_status: code } }) as AccountStanding;
  return recordAccountStanding(handle.db, { organizationId, standing, reportedAt: new Date(++clock * 1000) });
}

const run = (fn: typeof deployCampaign | typeof evaluateOptimizations | typeof applyOptimizationAction, event: unknown, facebook: AdPlatform) => {
  setDeps(embeddedDeps(handle.db, { facebook }));
  return new InngestTestEngine({ function: fn, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
};

describe("automationPausedFor", () => {
  it("is null until Facebook stops the account, the reason while stopped, null again once active; per organization", async () => {
    const a = await seedLiveCampaign(handle.db, "Guarded");
    const b = await seedLiveCampaign(handle.db, "Neighbour");
    const ref = { organizationId: a.organizationId, adAccountId: AD_ACCOUNT };
    expect(await automationPausedFor(handle.db, ref)).toBeNull();
    await report(a.organizationId, 3);
    expect(await automationPausedFor(handle.db, ref)).toMatch(/outstanding balance/);
    expect(await automationPausedFor(handle.db, { organizationId: b.organizationId, adAccountId: AD_ACCOUNT })).toBeNull();
    await report(a.organizationId, 1);
    expect(await automationPausedFor(handle.db, ref)).toBeNull();
  });
});

describe("deploy-campaign on a paused account", () => {
  it("refuses before its first Facebook call, says why with Resume, and launches after Resume once the account is active", async () => {
    setDeps(embeddedDeps(handle.db));
    const w = await seedPlannedWorld(handle.db, "Deployer");
    const approved = await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    if (!approved.ok) throw new Error(approved.message);
    await report(w.organizationId, 2);
    const [plan] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    const event = (attempt: number) =>
      campaignPlanApproved.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, version: plan!.version, approvedBy: w.owner.userId, adAccountId: AD_ACCOUNT, attempt });

    const fake = fakeAdPlatform();
    const refused = await run(deployCampaign, event(plan!.deployAttempts), fake.platform);
    expect((refused.error as { message?: string }).message).toMatch(/ad account is paused/);
    expect(fake.calls).toEqual([]);
    const [row] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, w.campaignId));
    expect(row).toMatchObject({ status: "DEPLOY_FAILED", lastError: { step: "account-paused", kind: "refused" } });
    const said = await handle.db.select().from(messages).where(eq(messages.conversationId, row!.conversationId!));
    const stop = said.find((m) => m.metadata?.kind === "campaign-deploy-failed");
    expect(stop?.content).toMatch(/^I did not launch version 1\. Facebook disabled your ad account\..*Nothing was sent to Facebook\. When the account is running again, press Resume/);
    expect(stop?.metadata).toMatchObject({ actions: ["resume"] });
    const bell = await handle.db.select().from(notifications).where(and(eq(notifications.organizationId, w.organizationId), eq(notifications.type, "DEPLOY_FAILED")));
    expect(bell).toHaveLength(1);

    await report(w.organizationId, 1);
    const resumed = await resumeDeployment(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    if (!resumed.ok) throw new Error(resumed.message);
    const launched = await run(deployCampaign, event(resumed.record.deployAttempts), fake.platform);
    expect(launched.result).toMatchObject({ deployed: true });
    expect(fake.calls[0]).toBe("createCampaign");
  });
});

describe("evaluate-optimizations on a paused account", () => {
  it("skips the account and returns the reason in its run output; no ledger row", async () => {
    const c = await seedLiveCampaign(handle.db, "Evaluated", { adAccountId: "act_7000000001", simulated: true });
    await report(c.organizationId, 101, "act_7000000001");
    const event = performanceSnapshotPulled.create({
      organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, adAccountId: "act_7000000001", date: "2026-11-30", sweepId: "sweep-1",
    });
    const fake = fakeAdPlatform();
    const { result } = await run(evaluateOptimizations, event, fake.platform);
    expect(result).toEqual({ recorded: 0, proposed: 0, skipped: expect.stringMatching(/^Your ad account was closed on Facebook\. The agency does not launch or change anything/) });
    expect(await handle.db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, c.campaignId))).toHaveLength(0);
  });
});

describe("apply-optimization-action on a paused account", () => {
  it("ends BLOCKED with the reason through the ledger, reads and writes nothing on Facebook", async () => {
    const c = await seedLiveCampaign(handle.db, "Applied");
    const action = await record(handle.db, c, decision({ objectId: "ad-x", objectIds: ["ad-x"], before: { statuses: { "ad-x": "ACTIVE" } }, after: { statuses: { "ad-x": "PAUSED" } } }));
    await report(c.organizationId, 7);
    const fb = fakeLiveAccount({ "ad-x": { status: "ACTIVE" } });
    const event = optimizationActionApplyRequested.create({ organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, actionId: action.id, adAccountId: AD_ACCOUNT });
    const { result } = await run(applyOptimizationAction, event, fb.platform);
    expect(result).toEqual({ status: "BLOCKED" });
    expect([fb.writes, fb.reads]).toEqual([[], []]);
    expect(await loadAction(handle.db, action.id)).toMatchObject({ status: "BLOCKED", outcome: expect.stringMatching(/^Nothing was changed\. Facebook is reviewing your ad account/) });
    expect(fb.objects.get("ad-x")!.status).toBe("ACTIVE");
  });

  it("applies as usual when the account is running", async () => {
    const c = await seedLiveCampaign(handle.db, "Running");
    const action = await record(handle.db, c, decision({ objectId: "ad-y", objectIds: ["ad-y"], before: { statuses: { "ad-y": "ACTIVE" } }, after: { statuses: { "ad-y": "PAUSED" } } }));
    await report(c.organizationId, 9); // in grace period: still running
    const fb = fakeLiveAccount({ "ad-y": { status: "ACTIVE" } });
    const event = optimizationActionApplyRequested.create({ organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, actionId: action.id, adAccountId: AD_ACCOUNT });
    const { result } = await run(applyOptimizationAction, event, fb.platform);
    expect(result).toEqual({ status: "APPLIED" });
    expect(fb.writes).toEqual(["ad-y:status=PAUSED"]);
  });
});
