import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignPlanApproved } from "@/inngest/events";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { approvePlan } from "@/server/campaigns/approval";
import type { CampaignPlan } from "@/server/campaigns/plan-schema";
import { hookPerformance } from "@/server/creative/lineage/hook-performance";
import { campaignRecords, creativeAdLineage, performanceSnapshots } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import type { AdPlatform } from "@/server/services/facebook/types";
import { createTestDb } from "../../support/db";
import { embeddedDeps, fakeAdPlatform, seedWorld, testCtx, type World } from "../campaigns/support";
import { hookImageBytes, planFor, seedFinishedVersion } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const HOOKS = [
  { headline: "Fresh flowers by noon", primaryText: "Order before 10 and they arrive today." },
  { headline: "x".repeat(60), primaryText: "Too long a headline for Facebook: passed over." },
  { headline: "Loved by 2,000 locals", primaryText: "Five stars from the people next door." },
];

async function plannedWorld(name: string) {
  const deps = embeddedDeps(handle.db);
  setDeps(deps);
  const w: World = await seedWorld(handle.db, { name });
  const studio = await seedFinishedVersion(handle.db, deps.services.storage, { organizationId: w.organizationId, projectId: w.projectId, hooks: HOOKS });
  return { w, studio, record: await planFor(handle.db, w) };
}

describe("a campaign plan made from the creative studio", () => {
  it("takes the finished version's hooks in turn (skipping one too long for Facebook) and records each ad's lineage", async () => {
    const { studio, record } = await plannedWorld("Lena");
    const ads = (record.structure as unknown as CampaignPlan).adSets.flatMap((s) => s.ads);
    expect(ads.length).toBeGreaterThanOrEqual(2);
    // Hook 2 breaks the 40-character headline limit: ads alternate hooks 1 and 3.
    expect(ads.map((a) => a.creative?.hookNumber)).toEqual(ads.map((_, i) => [1, 3][i % 2]));
    expect(ads[0]).toMatchObject({ headline: HOOKS[0]!.headline, primaryText: HOOKS[0]!.primaryText, creative: { versionId: studio.versionId, imageArtifactId: studio.imageIds[0] } });
    const lineage = await handle.db.select().from(creativeAdLineage).where(eq(creativeAdLineage.campaignId, record.id));
    expect(lineage.map((l) => [l.adKey, l.hookId]).sort()).toEqual(ads.map((_, i) => [`ad-0-${i}`, studio.hookIds[[0, 2][i % 2]!]]).sort());
  });

  it("uploads the studio's own image for each ad, and reports each hook's CTR and cost per result from its ads' snapshots", async () => {
    const { w, studio, record } = await plannedWorld("Omar");
    const approved = await approvePlan(handle.db, { campaignId: record.id, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
    expect(approved.ok).toBe(true);
    const fake = fakeAdPlatform();
    const uploads: Buffer[] = [];
    const upload = fake.platform.uploadImage.bind(fake.platform);
    fake.platform.uploadImage = (async (ctx, input) => {
      uploads.push(input.bytes);
      return upload(ctx, input);
    }) as AdPlatform["uploadImage"];
    setDeps(embeddedDeps(handle.db, { facebook: fake.platform }));
    const event = campaignPlanApproved.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: record.id, version: record.version, approvedBy: w.owner.userId, adAccountId: record.adAccountId ?? undefined });
    const { error } = await new InngestTestEngine({ function: deployCampaign, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(uploads.map((b) => b.toString())).toEqual([hookImageBytes(studio.versionId, 1), hookImageBytes(studio.versionId, 3)].map(String));

    const [deployed] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, record.id));
    const adIds = deployed!.fbAdIds;
    const day = (objectId: string, date: string, v: { impressions: number; clicks: number; conversions: number; spendCents: number }) => ({
      organizationId: w.organizationId, campaignId: record.id, adAccountId: "act_1", objectType: "ad" as const, objectId, date, ...v,
    });
    await handle.db.insert(performanceSnapshots).values([
      day(adIds["ad-0-0"]!, "2026-11-01", { impressions: 1000, clicks: 30, conversions: 3, spendCents: 1500 }),
      day(adIds["ad-0-0"]!, "2026-11-02", { impressions: 1000, clicks: 10, conversions: 1, spendCents: 500 }),
      day(adIds["ad-0-1"]!, "2026-11-01", { impressions: 500, clicks: 5, conversions: 0, spendCents: 700 }),
    ]);
    const rows = await hookPerformance(handle.db, { organizationId: w.organizationId, sessionId: studio.sessionId });
    expect(rows.map((r) => [r.hookNumber, r.ads, r.impressions, r.clicks, r.results, r.spendCents, r.ctr, r.costPerResultCents])).toEqual([
      [1, 1, 2000, 40, 4, 2000, 2, 500],
      [3, 1, 500, 5, 0, 700, 1, null],
    ]);
    // Another organization asking for this session sees nothing.
    const other = await seedWorld(handle.db, { name: "Intruder" });
    expect(await hookPerformance(handle.db, { organizationId: other.organizationId, sessionId: studio.sessionId })).toEqual([]);
  });

  it("plans with the model's own copy when the project has no finished creative", async () => {
    setDeps(embeddedDeps(handle.db));
    const record = await planFor(handle.db, await seedWorld(handle.db, { name: "Nadia" }));
    expect((record.structure as unknown as CampaignPlan).adSets.flatMap((s) => s.ads).every((a) => a.creative === undefined)).toBe(true);
    expect(await handle.db.select().from(creativeAdLineage).where(eq(creativeAdLineage.campaignId, record.id))).toEqual([]);
  });
});
