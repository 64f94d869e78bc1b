import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignDeployed, onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import { pauseReplacedCampaign as pauseFunction } from "@/inngest/functions/campaign/pause-replaced-campaign";
import type { ApprovalCard } from "@/server/campaigns/approval-card";
import { pauseReplacedCampaign } from "@/server/campaigns/pause-replaced";
import { campaignRecords, messages, simulatedAdObjects } from "@/server/db/schema";
import { setDeps, type Deps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { saveBriefVersion, briefFieldsOf, getBriefById } from "@/server/onboarding/briefs";
import { SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook/simulated";
import { GraphApiError } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx, type World } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const AD_ACCOUNT = "act_100000000000007";

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

/** Embedded deps whose simulated Facebook counts pause calls and can fail the first `failFirst` of them. */
function countingDeps(failFirst = 0) {
  const base = embeddedDeps(handle.db);
  const fb = base.services.facebook;
  const pauses: string[] = [];
  let failures = failFirst;
  const deps: Deps = {
    ...base,
    services: {
      ...base.services,
      facebook: {
        ...fb,
        updateStatus: async (ctx, id, status) => {
          if (failures-- > 0) throw new GraphApiError("Graph API error 2: Service temporarily unavailable", { httpStatus: 500, code: 2, isTransient: true });
          pauses.push(`${id}:${status}`);
          return fb.updateStatus(ctx, id, status);
        },
      },
    },
  };
  return { deps, pauses };
}

async function world(name: string) {
  const w: World = await seedWorld(handle.db, { name, connect: false });
  const owner = { organizationId: w.organizationId, userId: w.owner.userId };
  await savePendingConnection(handle.db, {
    ...owner,
    token: { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, expiresAt: null },
    adAccounts: [{ id: AD_ACCOUNT, name: "Ads", currency: "USD", accountStatus: 1 }],
    pageId: "100000000000101",
    simulated: true,
  });
  await selectAdAccount(handle.db, { ...owner, adAccountId: AD_ACCOUNT });
  return w;
}

async function planLatestBrief(w: World, briefId: string) {
  const { result, error } = await new InngestTestEngine({
    function: generateCampaignPlan,
    events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId, briefVersion: 1, userId: w.owner.userId }) as never],
    transformCtx: testCtx().transformCtx,
  }).execute();
  expect(error).toBeUndefined();
  const campaignId = (result as { campaignId: string }).campaignId;
  const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, campaignId));
  return record!;
}

/** Puts a planned version live on the simulated account, as a finished deployment would leave it. */
async function goLive(campaignId: string, dailyBudgetCents?: number) {
  const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, campaignId));
  const { id } = await embeddedDeps(handle.db).services.facebook.createCampaign(
    { accessToken: `${SIMULATED_TOKEN_PREFIX}t`, adAccountId: AD_ACCOUNT },
    { name: "live", objective: "OUTCOME_LEADS", status: "ACTIVE", specialAdCategories: [] },
  );
  const structure = dailyBudgetCents ? { ...record!.structure, dailyBudgetCents } : record!.structure;
  await handle.db.update(campaignRecords).set({ status: "ACTIVE", fbCampaignId: id, structure }).where(eq(campaignRecords.id, campaignId));
  return id;
}

async function newBriefVersion(w: World) {
  const current = (await getBriefById(handle.db, { organizationId: w.organizationId, briefId: w.briefId }))!;
  const next = await saveBriefVersion(handle.db, {
    organizationId: w.organizationId,
    projectId: w.projectId,
    confirmedBy: w.owner.userId,
    fields: { ...briefFieldsOf(current), product: "Sourdough and rye subscriptions" },
  });
  return next.id;
}

const cardOf = async (record: { id: string; conversationId: string | null }) => {
  const rows = await handle.db.select().from(messages).where(and(eq(messages.conversationId, record.conversationId!), eq(messages.type, "APPROVAL_REQUEST")));
  return rows.find((m) => m.metadata?.campaignId === record.id)!.metadata as unknown as ApprovalCard;
};

const fbStatus = async (fbId: string) => (await handle.db.select().from(simulatedAdObjects).where(eq(simulatedAdObjects.id, fbId)))[0]!.status;

describe("a revised plan that replaces a live campaign", () => {
  it("says on the card which campaign it replaces, at what daily budget, and that it will be paused", async () => {
    const w = await world("Opal");
    const v1 = await planLatestBrief(w, w.briefId);
    await goLive(v1.id, 1_800);
    const v2 = await planLatestBrief(w, await newBriefVersion(w));
    expect(v2).toMatchObject({ version: 2, replacesCampaignId: v1.id, status: "PENDING_APPROVAL" });
    const card = await cardOf(v2);
    expect(card.replaces).toMatchObject({ campaignId: v1.id, version: 1, dailyCents: 1_800 });
    expect(card.replaces!.sentence).toMatch(/^Replaces campaign “.+” \(version 1\), live at \$18\/day; it will be paused once this one is live\.$/);
    // The replaced campaign's budget is freed: the full cap is available to version 2.
    expect(card.budget.otherLiveDailyCents).toBe(0);
  });

  it("caps the new plan by what the project's other live campaigns already spend", async () => {
    const w = await world("Pearl");
    const v1 = await planLatestBrief(w, w.briefId);
    await goLive(v1.id, 1_500);
    const v2 = await planLatestBrief(w, await newBriefVersion(w));
    // v2 also went live without v1 being paused (say, before this fix): both run.
    await goLive(v2.id, 300);
    const v3 = await planLatestBrief(w, await newBriefVersion(w));
    const card = await cardOf(v3);
    // Replaces v2 (the newest live one); v1 keeps spending 1,500 of the 2,000/day the brief allows.
    expect(v3.replacesCampaignId).toBe(v2.id);
    expect(card.budget.otherLiveDailyCents).toBe(1_500);
    expect(card.budget.dailyCents).toBeLessThanOrEqual(2_000 - 1_500);
  });
});

describe("pausing the replaced campaign once the new one is live", () => {
  async function liveReplacement(name: string) {
    const w = await world(name);
    const v1 = await planLatestBrief(w, w.briefId);
    const oldFbId = await goLive(v1.id);
    const v2 = await planLatestBrief(w, await newBriefVersion(w));
    return { w, v1, v2, oldFbId };
  }
  const pausedMessages = async (conversationId: string) =>
    (await handle.db.select().from(messages).where(eq(messages.conversationId, conversationId))).filter((m) => m.metadata?.kind === "campaign-replaced-paused");

  it("does nothing while the new version is not live yet", async () => {
    const { w, v1, v2, oldFbId } = await liveReplacement("Quinn");
    const { deps, pauses } = countingDeps();
    const out = await pauseReplacedCampaign(deps, { organizationId: w.organizationId, campaignId: v2.id, runKey: "r1" });
    expect(out).toEqual({ paused: false, reason: "new campaign not live" });
    expect(pauses).toEqual([]);
    expect(await fbStatus(oldFbId)).toBe("ACTIVE");
    expect((await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, v1.id)))[0]!.status).toBe("ACTIVE");
  });

  it("three runs at once pause the old campaign on Facebook exactly once, and record it once", async () => {
    const { w, v1, v2, oldFbId } = await liveReplacement("Reed");
    await goLive(v2.id);
    const { deps, pauses } = countingDeps();
    const outs = await Promise.all(["r1", "r2", "r3"].map((runKey) => pauseReplacedCampaign(deps, { organizationId: w.organizationId, campaignId: v2.id, runKey })));
    expect(outs.filter((o) => o.paused)).toHaveLength(1);
    expect(pauses).toEqual([`${oldFbId}:PAUSED`]);
    expect(await fbStatus(oldFbId)).toBe("PAUSED");
    expect((await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, v1.id)))[0]!.status).toBe("PAUSED");
    expect(await pausedMessages(v2.conversationId!)).toHaveLength(1);
    // A replay afterwards, by any run, changes nothing.
    await pauseReplacedCampaign(deps, { organizationId: w.organizationId, campaignId: v2.id, runKey: "r9" });
    expect(pauses).toHaveLength(1);
  });

  it("a failed pause leaves the old one recorded as ACTIVE (never 'paused' while live); the retry pauses it", async () => {
    const { w, v1, v2, oldFbId } = await liveReplacement("Sorrel");
    await goLive(v2.id);
    const { deps, pauses } = countingDeps(1);
    const ref = { organizationId: w.organizationId, campaignId: v2.id, runKey: "run-1" };
    await expect(pauseReplacedCampaign(deps, ref)).rejects.toThrow(/temporarily unavailable/);
    expect(await fbStatus(oldFbId)).toBe("ACTIVE");
    expect((await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, v1.id)))[0]!.status).toBe("ACTIVE");
    // Another run cannot jump in while the first holds the claim; the first run's retry finishes the job.
    expect(await pauseReplacedCampaign(deps, { ...ref, runKey: "run-2" })).toEqual({ paused: false, reason: "another run is pausing it" });
    expect(await pauseReplacedCampaign(deps, ref)).toMatchObject({ paused: true, replacedCampaignId: v1.id });
    expect(pauses).toEqual([`${oldFbId}:PAUSED`]);
    expect(await fbStatus(oldFbId)).toBe("PAUSED");
    expect(await pausedMessages(v2.conversationId!)).toHaveLength(1);
  });

  it("a run whose claim was abandoned is taken over after the lease, so the old campaign is never left live", async () => {
    const { w, v2, oldFbId } = await liveReplacement("Tansy");
    await goLive(v2.id);
    const { deps } = countingDeps(1);
    await expect(pauseReplacedCampaign(deps, { organizationId: w.organizationId, campaignId: v2.id, runKey: "gone" })).rejects.toThrow();
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await pauseReplacedCampaign(deps, { organizationId: w.organizationId, campaignId: v2.id, runKey: "rerun", now: later })).toMatchObject({ paused: true });
    expect(await fbStatus(oldFbId)).toBe("PAUSED");
  });

  it("the pause-replaced-campaign function runs on campaign/deployed", async () => {
    const { w, v1, v2, oldFbId } = await liveReplacement("Umber");
    await goLive(v2.id);
    const { result, error } = await new InngestTestEngine({
      function: pauseFunction,
      events: [campaignDeployed.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: v2.id, fbCampaignId: "x" }) as never],
      transformCtx: testCtx().transformCtx,
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ paused: true, replacedCampaignId: v1.id, fbCampaignId: oldFbId });
    expect(await fbStatus(oldFbId)).toBe("PAUSED");
  });
});
