import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as resume } from "@/app/api/campaigns/[campaignId]/resume/route";
import { inngest } from "@/inngest/client";
import { campaignPlanApproved, facebookAccountConnected } from "@/inngest/events";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { resumeDeployAfterReconnect } from "@/inngest/functions/campaign/resume-after-reconnect";
import { approvalEventId, approvePlan } from "@/server/campaigns/approval";
import { resumeDeployment } from "@/server/campaigns/deploy-actions";
import { recordDeployCrashed } from "@/server/campaigns/deploy-refusal";
import { resumeAfterReconnect } from "@/server/campaigns/reconnect";
import { RECONNECT_FACEBOOK_MESSAGE } from "@/server/campaigns/deploy/graph-errors";
import { campaignRecords, facebookConnections, memberships, messages, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { markConnectionNeedsReconnect } from "@/server/facebook/connections";
import { GraphApiError, type AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { jsonRequest, signUpTestUser } from "../../support/viewers";
import { AD_ACCOUNT, connect, embeddedDeps, fakeAdPlatform, seedPlannedWorld, testCtx } from "./support";

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


type ApprovedEvent = ReturnType<typeof campaignPlanApproved.create>;

function engineFor(event: unknown, platform: AdPlatform) {
  setDeps(embeddedDeps(handle.db, { facebook: platform }));
  const ctx = testCtx();
  return { ctx, engine: new InngestTestEngine({ function: deployCampaign, events: [event as never], transformCtx: ctx.transformCtx }) };
}

const load = async (id: string) => (await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, id)))[0]!;
const messagesOf = async (campaignId: string, kind: string) =>
  (await handle.db.select().from(messages)).filter((m) => m.metadata?.campaignId === campaignId && m.metadata?.kind === kind);
const params = (campaignId: string) => ({ params: Promise.resolve({ campaignId }) });

describe("a refused deployment (item 7)", () => {
  it("tells the owner in plain words, and Resume starts a new attempt with a fresh event id that deploys", async () => {
    const w = await seedPlannedWorld(handle.db, "Ivy");
    // A second member approves, then leaves the organization before the deploy re-checks the approval.
    const bea = await signUpTestUser(handle.db, { name: "Bea" });
    await handle.db.insert(memberships).values({ organizationId: w.organizationId, userId: bea.userId });
    const approved = await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: bea.userId, organizationId: w.organizationId } });
    expect(approved.ok).toBe(true);
    await handle.db.delete(memberships).where(and(eq(memberships.organizationId, w.organizationId), eq(memberships.userId, bea.userId)));
    const first = campaignPlanApproved.create({
      organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, version: 1, approvedBy: bea.userId, adAccountId: AD_ACCOUNT, attempt: 1,
    });

    const fake = fakeAdPlatform({}, { firstId: 5000 });
    const refused = engineFor(first, fake.platform);
    const { error } = await refused.engine.execute();
    expect(error).toMatchObject({ message: expect.stringContaining("Deployment refused") });
    expect(fake.calls).toEqual([]);
    const row = await load(w.campaignId);
    expect(row).toMatchObject({ status: "DEPLOY_FAILED", lastError: { step: "verify-approval", kind: "refused" } });
    const said = await messagesOf(w.campaignId, "campaign-deploy-failed");
    expect(said).toHaveLength(1);
    expect(said[0]!.content).toMatch(/^I did not launch version 1: its approval could not be confirmed \(the approver is not a member/);
    expect(said[0]!.content).toMatch(/Nothing was sent to Facebook\. Press Resume/);
    // The owner hears it in the bell; the departed approver does not.
    const bell = await handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `deploy-refused:${w.campaignId}:a1`));
    expect(bell).toMatchObject([{ userId: w.owner.userId, type: "DEPLOY_FAILED" }]);
    expect(refused.ctx.sent.map((s) => s.id)).toEqual(["emit-refused-notification"]);

    // Resume: a new attempt, so a new event id the engine will not drop as a duplicate of the first.
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
    const res = await resume(jsonRequest(`/api/campaigns/${w.campaignId}/resume`, { method: "POST", cookie: w.owner.cookie, body: { confirm: true } }), params(w.campaignId));
    expect(res.status).toBe(202);
    const resent = send.mock.calls[0]![0] as ApprovedEvent & { id: string };
    expect(resent.id).toBe(`campaign-approved-${w.campaignId}-a2`);
    expect(resent.data).toMatchObject({ approvedBy: w.owner.userId, attempt: 2 });

    const healthy = fakeAdPlatform({}, { firstId: 5000 });
    const second = await engineFor(resent, healthy.platform).engine.execute();
    expect(second.error).toBeUndefined();
    expect(second.result).toMatchObject({ deployed: true });
    expect((await load(w.campaignId)).status).toBe("ACTIVE");
  });

  it("a late event of an earlier attempt is refused without failing the current attempt; the current one is recorded", async () => {
    const w = await seedPlannedWorld(handle.db, "Jon");
    await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    // Attempt 2 is current, and its plan can no longer deploy (the brief is gone).
    await handle.db.update(campaignRecords).set({ deployAttempts: 2, briefId: null }).where(eq(campaignRecords.id, w.campaignId));
    const eventFor = (attempt: number) =>
      campaignPlanApproved.create({
        organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, version: 1, approvedBy: w.owner.userId, adAccountId: AD_ACCOUNT, attempt,
      });
    const fake = fakeAdPlatform({}, { firstId: 5000 });
    const stale = await engineFor(eventFor(1), fake.platform).engine.execute();
    expect(stale.error).toMatchObject({ message: expect.stringContaining("Deployment refused: the brief this plan was made from is gone") });
    expect((await load(w.campaignId)).status).toBe("APPROVED");
    expect(await messagesOf(w.campaignId, "campaign-deploy-failed")).toHaveLength(0);

    await engineFor(eventFor(2), fake.platform).engine.execute();
    expect((await load(w.campaignId)).status).toBe("DEPLOY_FAILED");
    expect(await messagesOf(w.campaignId, "campaign-deploy-failed")).toHaveLength(1);
    expect(fake.calls).toEqual([]);
  });
});

describe("a deploy run that died without recording its failure (onFailure)", () => {
  it("ends its own attempt in DEPLOY_FAILED with a message, so Resume starts attempt 2; other attempts are untouched", async () => {
    const w = await seedPlannedWorld(handle.db, "Rae");
    await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    // verify-approval had moved it to DEPLOYING when the run died.
    await handle.db.update(campaignRecords).set({ status: "DEPLOYING" }).where(eq(campaignRecords.id, w.campaignId));
    const data = { organizationId: w.organizationId, campaignId: w.campaignId, version: 1, approvedBy: w.owner.userId };
    const deps = embeddedDeps(handle.db);
    const stuck = await resumeDeployment(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    expect(stuck).toMatchObject({ ok: false, status: 409 });

    expect(await recordDeployCrashed(deps, { ...data, attempt: 0 })).toEqual({ recorded: false });
    expect((await load(w.campaignId)).status).toBe("DEPLOYING");
    expect(await recordDeployCrashed(deps, { ...data, attempt: 1 })).toMatchObject({ recorded: true, attempt: 1 });
    expect(await recordDeployCrashed(deps, { ...data, attempt: 1 })).toEqual({ recorded: false });
    expect(await messagesOf(w.campaignId, "campaign-deploy-failed")).toHaveLength(1);

    const resumed = await resumeDeployment(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    expect(resumed.ok).toBe(true);
    if (resumed.ok) expect(approvalEventId(resumed.record)).toBe(`campaign-approved-${w.campaignId}-a2`);
  });
});

describe("an expired token during a deploy (item 8)", () => {
  const expired = () =>
    new GraphApiError("Graph API error 190/463: Error validating access token: Session has expired", {
      httpStatus: 400, code: 190, subcode: 463, isTransient: false,
    });

  it("marks the connection, asks to reconnect Facebook in plain words, and resumes after the reconnect", async () => {
    const w = await seedPlannedWorld(handle.db, "Kai");
    await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    const event = campaignPlanApproved.create({
      organizationId: w.organizationId, projectId: w.projectId, campaignId: w.campaignId, version: 1, approvedBy: w.owner.userId, adAccountId: AD_ACCOUNT, attempt: 1,
    });
    const fake = fakeAdPlatform({ createAdSet: expired() }, { firstId: 5000 });
    const { engine, ctx } = engineFor(event, fake.platform);
    const attempt = await engine.executeStep("create-ad-set-0");
    expect(attempt.error).toMatchObject({ name: "DeployBlockedError", message: RECONNECT_FACEBOOK_MESSAGE });
    // After the step's own attempt the engine hands the handler its final error (a StepError). A throwing
    // @inngest/test step mock resolves to undefined instead, so step.run rejects for that id here.
    const { error } = await new InngestTestEngine({
      function: deployCampaign,
      events: [event as never],
      transformCtx: (raw) => {
        const c = ctx.transformCtx(raw) as unknown as { step: { run: (id: string, fn: () => unknown) => Promise<unknown> } };
        const run = c.step.run;
        c.step.run = (id, fn) => (id === "create-ad-set-0" ? Promise.reject(new Error(RECONNECT_FACEBOOK_MESSAGE)) : run(id, fn));
        return c as never;
      },
    }).execute();
    expect(error).toMatchObject({ message: expect.stringContaining("Deployment failed at create-ad-set-0") });

    const row = await load(w.campaignId);
    expect(row).toMatchObject({ status: "DEPLOY_FAILED", lastError: { step: "create-ad-set-0", code: 190, subcode: 463, kind: "auth" } });
    const [said] = await messagesOf(w.campaignId, "campaign-deploy-failed");
    expect(said!.content).toBe(`${RECONNECT_FACEBOOK_MESSAGE} Nothing is spending money.`);
    expect(said!.content).not.toMatch(/Graph API error|Facebook error/);
    expect(said!.metadata).toMatchObject({ actions: ["reconnect", "cleanup"] });
    const failedEvent = ctx.sent.find((s) => s.id === "emit-deploy-failed")?.payload as { data: { error: { message: string } } };
    expect(failedEvent.data.error.message).toBe(RECONNECT_FACEBOOK_MESSAGE);
    const [conn] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, w.owner.userId));
    expect(conn!.status).toBe("EXPIRED");

    // The owner reconnects the same ad account: the stopped deploy becomes attempt 2 and finishes.
    await connect(handle.db, { organizationId: w.organizationId, userId: w.owner.userId });
    const reconnectCtx = testCtx();
    const connected = facebookAccountConnected.create({ organizationId: w.organizationId, connectionId: conn!.id, userId: w.owner.userId, adAccountId: AD_ACCOUNT, projectId: w.projectId });
    const resumed = await new InngestTestEngine({ function: resumeDeployAfterReconnect, events: [connected as never], transformCtx: reconnectCtx.transformCtx }).execute();
    expect(resumed.result).toEqual({ resumed: [w.campaignId] });
    const [approvedAgain] = reconnectCtx.sent.find((s) => s.id === "emit-plan-approved")!.payload as (ApprovedEvent & { id: string })[];
    expect(approvedAgain!.id).toBe(`campaign-approved-${w.campaignId}-a2`);
    expect(await messagesOf(w.campaignId, "campaign-deploy-resumed")).toHaveLength(1);

    const healthy = fakeAdPlatform({}, { firstId: 5000 });
    const done = await engineFor(approvedAgain, healthy.platform).engine.execute();
    expect(done.result).toMatchObject({ deployed: true });
    // The campaign made before the failure is kept, not created again.
    expect(healthy.calls).toEqual(["createAdSet", "uploadImage", "createCreative", "createAd", "uploadImage", "createCreative", "createAd", "updateStatus"]);
    expect((await load(w.campaignId)).status).toBe("ACTIVE");

    // A second connected event (a replay) resumes nothing more.
    const replay = await new InngestTestEngine({ function: resumeDeployAfterReconnect, events: [connected as never], transformCtx: testCtx().transformCtx }).execute();
    expect(replay.result).toEqual({ resumed: [] });
  });

  it("a reconnect and a Resume at the same moment start exactly one new attempt (one event id between them)", async () => {
    const w = await seedPlannedWorld(handle.db, "Sam");
    await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    await handle.db
      .update(campaignRecords)
      .set({ status: "DEPLOY_FAILED", lastError: { step: "create-campaign", message: RECONNECT_FACEBOOK_MESSAGE, kind: "auth" } })
      .where(eq(campaignRecords.id, w.campaignId));
    const [byReconnect, byResume] = await Promise.all([
      resumeAfterReconnect(handle.db, { organizationId: w.organizationId, userId: w.owner.userId, adAccountId: AD_ACCOUNT }),
      resumeDeployment(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } }),
    ]);
    // One attempt was started; whichever came second either lost (409) or re-sends that attempt's event id,
    // which the engine drops as a duplicate. No third attempt, no second deploy run.
    expect(await load(w.campaignId)).toMatchObject({ status: "APPROVED", deployAttempts: 2 });
    const ids = [...byReconnect.map(approvalEventId), ...(byResume.ok ? [approvalEventId(byResume.record)] : [])];
    expect(new Set(ids)).toEqual(new Set([`campaign-approved-${w.campaignId}-a2`]));
  });

  it("does not expire a connection renewed after the failure was seen", async () => {
    const w = await seedPlannedWorld(handle.db, "Lea");
    const seenAt = new Date(Date.now() - 60_000);
    expect(await markConnectionNeedsReconnect(handle.db, { organizationId: w.organizationId, userId: w.owner.userId, seenAt })).toEqual({ expired: false });
    const [conn] = await handle.db.select().from(facebookConnections).where(eq(facebookConnections.userId, w.owner.userId));
    expect(conn!.status).toBe("ACTIVE");
    expect(await markConnectionNeedsReconnect(handle.db, { organizationId: w.organizationId, userId: w.owner.userId, seenAt: new Date() })).toEqual({ expired: true });
  });
});
