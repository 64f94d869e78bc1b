import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignPlanApproved, onboardingBriefExtracted } from "@/inngest/events";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import { approvePlan } from "@/server/campaigns/approval";
import { campaignRecords, emailOutbox, messages, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { GraphApiError, type AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { embeddedDeps, fakeAdPlatform, seedWorld, testCtx, type World } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;


const graphError = (code: number, extra: Partial<GraphApiError["details"]> = {}) =>
  new GraphApiError(`(#${code}) error`, { httpStatus: 400, code, isTransient: false, ...extra });

beforeAll(async () => {
  handle = await createTestDb();
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

/** A world whose plan was generated (offline model) and approved by its owner. */
async function approvedWorld(name: string) {
  setDeps(embeddedDeps(handle.db));
  const w: World = await seedWorld(handle.db, { name });
  const ctx = testCtx();
  await new InngestTestEngine({
    function: generateCampaignPlan,
    events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId }) as never],
    transformCtx: ctx.transformCtx,
  }).execute();
  const [plan] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.projectId, w.projectId));
  const approved = await approvePlan(handle.db, { campaignId: plan!.id, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
  if (!approved.ok) throw new Error(approved.message);
  const event = campaignPlanApproved.create({
    organizationId: w.organizationId,
    projectId: w.projectId,
    campaignId: plan!.id,
    version: plan!.version,
    approvedBy: w.owner.userId,
    adAccountId: plan!.adAccountId ?? undefined,
  });
  return { w, campaignId: plan!.id, event };
}

function deploy(event: ReturnType<typeof campaignPlanApproved.create>, platform: AdPlatform) {
  setDeps(embeddedDeps(handle.db, { facebook: platform }));
  const ctx = testCtx();
  const execution = new InngestTestEngine({ function: deployCampaign, events: [event as never], transformCtx: ctx.transformCtx }).execute();
  return { ctx, execution };
}

const record = async (id: string) => (await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, id)))[0]!;

describe("deploy-campaign", () => {
  it("creates each object once, activates, confirms, and a replay creates nothing", async () => {
    const { w, campaignId, event } = await approvedWorld("Dana");
    const fake = fakeAdPlatform();
    const { ctx, execution } = deploy(event, fake.platform);
    const { result, error } = await execution;
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ deployed: true });
    // The offline plan: one ad set with two ads (two angles), each with its own image and creative.
    expect(fake.calls).toEqual([
      "createCampaign", "createAdSet", "uploadImage", "createCreative", "createAd", "uploadImage", "createCreative", "createAd", "updateStatus",
    ]);

    const row = await record(campaignId);
    expect(row).toMatchObject({ status: "ACTIVE", fbCampaignId: "1000", fbAdSetIds: { "adset-0": "1001" }, fbAdIds: { "ad-0-0": "1004" } });
    expect(row.fbImageHashes["ad-0-0"]).toBe("hash1002");
    const live = await handle.db.select().from(messages).where(eq(messages.conversationId, row.conversationId!));
    expect(live.filter((m) => m.metadata?.kind === "campaign-live")).toHaveLength(1);
    expect(await handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `campaign-live:${campaignId}`))).toHaveLength(1);
    const mail = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `campaign-live:${campaignId}:${w.owner.userId}`));
    expect(mail).toMatchObject([{ template: "campaign-live", status: "SENT" }]);
    expect(ctx.sent.find((s) => s.id === "emit-campaign-deployed")?.payload).toMatchObject({
      name: "campaign/deployed",
      data: { campaignId, fbCampaignId: "1000" },
    });
    expect(ctx.published.at(-1)).toMatchObject({ id: "progress-live", data: { state: "live" } });

    const again = fakeAdPlatform();
    const replay = await deploy(event, again.platform).execution;
    expect(replay.error).toBeUndefined();
    expect(again.calls).toEqual([]);
    expect((await handle.db.select().from(messages).where(eq(messages.conversationId, row.conversationId!))).filter((m) => m.metadata?.kind === "campaign-live")).toHaveLength(1);
  });

  it("a rate limit (code 17) becomes a RetryAfterError honouring Graph's wait, and the ids made so far are kept", async () => {
    const { campaignId, event } = await approvedWorld("Eli");
    const fake = fakeAdPlatform({ createAdSet: graphError(17, { retryAfterMs: 90_000 }) });
    setDeps(embeddedDeps(handle.db, { facebook: fake.platform }));
    const ctx = testCtx();
    const engine = new InngestTestEngine({ function: deployCampaign, events: [event as never], transformCtx: ctx.transformCtx });
    const { error } = await engine.executeStep("create-ad-set-0");
    expect(error).toMatchObject({ name: "RetryAfterError", message: "(#17) error" });
    const row = await record(campaignId);
    expect(row.fbCampaignId).toBeTruthy();
    expect(row.lastError).toMatchObject({ step: "create-ad-set-0", code: 17 });
    expect(fake.calls).toEqual(["createCampaign", "createAdSet"]);
  });

  it("a permanent error (100) stops: DEPLOY_FAILED, a message, a notification, an email and campaign/deploy.failed", async () => {
    const { w, campaignId, event } = await approvedWorld("Fay");
    const fake = fakeAdPlatform({ createCampaign: graphError(100, { userMessage: "The session has expired" }) });
    setDeps(embeddedDeps(handle.db, { facebook: fake.platform }));
    const ctx = testCtx();
    const engine = new InngestTestEngine({ function: deployCampaign, events: [event as never], transformCtx: ctx.transformCtx });
    // The step's own attempt: records where and why, and stops retrying.
    const attempt = await engine.executeStep("create-campaign");
    expect(attempt.error).toMatchObject({ name: "DeployBlockedError", message: "The session has expired" });
    // @inngest/test ends a run at the first step failure; the engine hands the handler the step's final
    // error after retries, which a throwing mock of that step reproduces.
    const { error } = await engine.execute({
      steps: [{ id: "create-campaign", handler: () => { throw new Error("The session has expired"); } }],
    });
    expect(error).toMatchObject({ message: expect.stringContaining("Deployment failed at create-campaign") });
    const row = await record(campaignId);
    expect(row).toMatchObject({ status: "DEPLOY_FAILED", lastError: { step: "create-campaign", code: 100, kind: "permanent" } });
    const failed = (await handle.db.select().from(messages).where(eq(messages.conversationId, row.conversationId!))).filter(
      (m) => m.metadata?.kind === "campaign-deploy-failed",
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]!.metadata).toMatchObject({ actions: ["resume", "cleanup"] });
    expect(await handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `deploy-failed:${campaignId}:a1`))).toHaveLength(1);
    expect(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `deploy-failed:${campaignId}:a1:${w.owner.userId}`))).toHaveLength(1);
    expect(ctx.sent.find((s) => s.id === "emit-deploy-failed")?.payload).toMatchObject({
      name: "campaign/deploy.failed",
      data: { failedStep: "create-campaign", error: { code: 100, message: "The session has expired" } },
    });
  });

  it("refuses to touch Facebook when the approval row does not match the event", async () => {
    const { campaignId, event } = await approvedWorld("Gus");
    const outsider = await seedWorld(handle.db, { name: "Mallory" });
    const forged = { ...event, data: { ...event.data, approvedBy: outsider.owner.userId } };
    const fake = fakeAdPlatform();
    const { error } = await deploy(forged as typeof event, fake.platform).execution;
    expect(error).toMatchObject({ message: expect.stringContaining("Deployment refused") });
    expect(fake.calls).toEqual([]);
    expect((await record(campaignId)).status).toBe("APPROVED");
  });
});
