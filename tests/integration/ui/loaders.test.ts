import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadThread } from "@/components/chat/load-thread";
import { loadCampaignActivity } from "@/components/optimization/load-activity";
import { loadPolicySettings } from "@/components/optimization/load-policy-settings";
import { loadPerformanceView } from "@/components/performance/load-performance";
import { findMembership } from "@/server/auth/organization";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions, performanceSnapshots, projects, simulatedClocks } from "@/server/db/schema";
import { DEFAULT_AUTONOMY_POLICY, saveAutonomyPolicy } from "@/server/optimization/policy";
import { createTestDb } from "../../support/db";
import { signUpTestUser } from "../../support/viewers";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});

afterAll(async () => {
  await handle?.close();
});

const PLAN = {
  objective: "OUTCOME_LEADS",
  name: "Bakery leads",
  dailyBudgetCents: 3_000,
  summary: "",
  adSets: [{ name: "Parents", targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: [] }, ads: [{ name: "a1", headline: "Fresh at 8am", primaryText: "", cta: "LEARN_MORE", imagePrompt: "" }] }],
};

/** An organization with one live campaign (EUR, simulated account), two days of numbers, and two ledger entries. */
async function seedOrg(db: Db, name: string) {
  const owner = await signUpTestUser(db, { name });
  const organizationId = (await findMembership(db, owner.userId))!.organizationId;
  const [project] = await db.insert(projects).values({ organizationId, name: `${name}'s shop`, createdById: owner.userId }).returning();
  const tag = crypto.randomUUID().slice(0, 8);
  const adAccountId = `act_${Math.floor(Math.random() * 1e12)}`;
  const [campaign] = await db
    .insert(campaignRecords)
    .values({
      organizationId,
      projectId: project!.id,
      version: 1,
      sourceKey: `test:${tag}`,
      claimedByRunId: "test",
      status: "ACTIVE",
      structure: PLAN,
      adAccountId,
      currency: "EUR",
      fbCampaignId: `c-${tag}`,
      fbAdSetIds: { "adset-0": `s-${tag}` },
      fbAdIds: { "ad-0-0": `a-${tag}` },
      activatedAt: new Date(),
    })
    .returning();
  const snap = (objectType: "campaign" | "adset", objectId: string, date: string, spendCents: number, clicks: number) => ({
    organizationId,
    campaignId: campaign!.id,
    adAccountId,
    objectType,
    objectId,
    date,
    spendCents,
    impressions: 1_000,
    clicks,
    conversions: 2,
    conversionValueCents: spendCents * 2,
  });
  await db.insert(performanceSnapshots).values([
    snap("campaign", `c-${tag}`, "2026-11-29", 3_000, 20),
    snap("campaign", `c-${tag}`, "2026-11-28", 2_800, 10),
    // Ad set rows are not campaign totals: the charts must not count them twice.
    snap("adset", `s-${tag}`, "2026-11-29", 3_000, 20),
  ]);
  await db.insert(simulatedClocks).values({ adAccountId, offsetMs: 10 * 86_400_000 });
  const action = (key: string, status: "APPLIED" | "AWAITING_APPROVAL", snapshotDate: string, extra: Partial<typeof optimizationActions.$inferInsert> = {}) => ({
    organizationId,
    projectId: project!.id,
    campaignId: campaign!.id,
    adAccountId,
    rule: key,
    kind: key === "low-ctr-ad" ? ("PAUSE_AD" as const) : ("RAISE_BUDGET" as const),
    objectType: "ad" as const,
    objectId: `a-${tag}`,
    status,
    reason: `${key} reason`,
    currency: "EUR",
    snapshotDate,
    idempotencyKey: `${key}:${tag}:${snapshotDate}`,
    ...extra,
  });
  const [paused, raise] = await db
    .insert(optimizationActions)
    .values([
      action("low-ctr-ad", "APPLIED", "2026-11-28", {
        before: { statuses: { [`a-${tag}`]: "ACTIVE" } },
        after: { statuses: { [`a-${tag}`]: "PAUSED" } },
        appliedAt: new Date(),
        createdAt: new Date(Date.now() - 60_000),
        impact: {
          windowDays: 3,
          before: { spendCents: 900, conversions: 0, clicks: 1, impressions: 1_200 },
          after: { spendCents: 0, conversions: 0, clicks: 0, impressions: 0 },
          spendSavedCents: 900,
          conversionsGained: 0,
          summary: "Saved €9 over 3 days with no fewer leads.",
        },
      }),
      action("scale-winner", "AWAITING_APPROVAL", "2026-11-29", {
        requiresApproval: true,
        before: { dailyBudgets: { [`s-${tag}`]: 3_000 } },
        after: { dailyBudgets: { [`s-${tag}`]: 4_500 } },
        decidedBy: owner.userId,
      }),
    ])
    .returning();
  return { owner, organizationId, projectId: project!.id, campaignId: campaign!.id, pausedId: paused!.id, raiseId: raise!.id, tag };
}

describe("campaign page loaders", () => {
  it("read the campaign's own daily numbers, ledger and clock, and nothing of another organization's", async () => {
    const [mine, theirs] = await Promise.all([seedOrg(handle.db, "Ada"), seedOrg(handle.db, "Bo")]);

    const view = await loadPerformanceView(handle.db, { organizationId: mine.organizationId, campaignId: mine.campaignId });
    expect(view).toMatchObject({ currency: "EUR", simulatedOffsetDays: 10 });
    expect(view!.points.map((p) => [p.date, p.spendCents, p.ctr])).toEqual([
      ["2026-11-28", 2_800, 1],
      ["2026-11-29", 3_000, 2],
    ]);
    expect(view!.points[1]!.roas).toBe(2);
    expect(view!.lastPulledAt).toBeInstanceOf(Date);

    const activity = await loadCampaignActivity(handle.db, { organizationId: mine.organizationId, campaignId: mine.campaignId });
    expect(activity!.map((e) => e.id)).toEqual([mine.raiseId, mine.pausedId]);
    expect(activity![0]).toMatchObject({ status: "AWAITING_APPROVAL", decidedByName: "Ada", changes: ['Ad set "Parents" daily budget: €30 → €45'] });
    expect(activity![1]).toMatchObject({ status: "APPLIED", changes: ['Ad "Fresh at 8am": running → paused'], impactSummary: "Saved €9 over 3 days with no fewer leads." });

    // Another organization's campaign id, asked for by this organization: absent, like a missing one.
    expect(await loadPerformanceView(handle.db, { organizationId: mine.organizationId, campaignId: theirs.campaignId })).toBeNull();
    expect(await loadCampaignActivity(handle.db, { organizationId: mine.organizationId, campaignId: theirs.campaignId })).toBeNull();
    expect(await loadPerformanceView(handle.db, { organizationId: mine.organizationId, campaignId: "missing" })).toBeNull();
  });

  it("gives a campaign with no numbers yet an empty series, not an error", async () => {
    const w = await seedOrg(handle.db, "Cy");
    const [fresh] = await handle.db
      .insert(campaignRecords)
      .values({ organizationId: w.organizationId, projectId: w.projectId, version: 2, sourceKey: `test:fresh:${w.tag}`, claimedByRunId: "test", status: "ACTIVE" })
      .returning();
    const view = await loadPerformanceView(handle.db, { organizationId: w.organizationId, campaignId: fresh!.id });
    expect(view).toEqual({ currency: "USD", points: [], lastPulledAt: null, simulatedOffsetDays: 0 });
    expect(await loadCampaignActivity(handle.db, { organizationId: w.organizationId, campaignId: fresh!.id })).toEqual([]);
  });

  it("give the chat each action's current status and the objects' names, for this organization's project only", async () => {
    const [mine, theirs] = await Promise.all([seedOrg(handle.db, "Di"), seedOrg(handle.db, "Ed")]);
    const thread = await loadThread(handle.db, { organizationId: mine.organizationId, userId: mine.owner.userId, projectId: mine.projectId });
    expect(thread.optimizationStatuses).toEqual({ [mine.pausedId]: "APPLIED", [mine.raiseId]: "AWAITING_APPROVAL" });
    expect(thread.objectNames).toMatchObject({ [`a-${mine.tag}`]: 'ad "Fresh at 8am"', [`s-${mine.tag}`]: 'ad set "Parents"' });
    const crossed = await loadThread(handle.db, { organizationId: mine.organizationId, userId: mine.owner.userId, projectId: theirs.projectId });
    expect(crossed.optimizationStatuses).toEqual({});
    expect(crossed.objectNames).toEqual({});
  });
});

describe("autonomy settings loader", () => {
  it("shows the safe defaults until saved, then the organization's own settings, in its campaigns' currency", async () => {
    const [mine, theirs] = await Promise.all([seedOrg(handle.db, "Fay"), seedOrg(handle.db, "Gil")]);
    expect(await loadPolicySettings(handle.db, mine.organizationId)).toEqual({ policy: DEFAULT_AUTONOMY_POLICY, currency: "EUR", updated: null });
    const policy = { ...DEFAULT_AUTONOMY_POLICY, autonomousMaxPercent: 10, dryRun: true };
    await saveAutonomyPolicy(handle.db, { organizationId: mine.organizationId, userId: mine.owner.userId, policy });
    const saved = await loadPolicySettings(handle.db, mine.organizationId);
    expect(saved).toMatchObject({ policy, updated: { byName: "Fay" } });
    expect((await loadPolicySettings(handle.db, theirs.organizationId)).policy).toEqual(DEFAULT_AUTONOMY_POLICY);
  });
});
