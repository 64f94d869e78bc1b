import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignPlanApproved } from "@/inngest/events";
import { deployCampaign } from "@/inngest/functions/campaign/deploy-campaign";
import { loadAdPreviews } from "@/components/campaign/load-ad-previews";
import { approvePlan } from "@/server/campaigns/approval";
import type { CampaignPlan } from "@/server/campaigns/plan-schema";
import { campaignRecords, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { evaluateAndRecord } from "@/server/optimization/ledger-run";
import { createTestDb } from "../../support/db";
import { AD_ACCOUNT, embeddedDeps, fakeAdPlatform, seedWorld, testCtx } from "../campaigns/support";
import { planFor, seedFinishedVersion } from "./support";

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
  { headline: "Loved by 2,000 locals", primaryText: "Five stars from the people next door." },
  { headline: "Forgot a birthday?", primaryText: "We have you covered in two hours." },
];
const DAYS = ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"];

describe("rotate creative uses the session's next unused hook", () => {
  it("deploys the unused hook as a paused reserve ad, and a tired ad is rotated to it (not treated as paused by a person)", async () => {
    const deps = embeddedDeps(handle.db);
    setDeps(deps);
    const w = await seedWorld(handle.db, { name: "Rhea" });
    const studio = await seedFinishedVersion(handle.db, deps.services.storage, { organizationId: w.organizationId, projectId: w.projectId, hooks: HOOKS });
    const planned = await planFor(handle.db, w);
    const ads = (planned!.structure as unknown as CampaignPlan).adSets[0]!.ads;
    expect(ads.map((a) => [a.creative?.hookNumber, a.reserve === true])).toEqual([[1, false], [2, false], [3, true]]);

    expect((await approvePlan(handle.db, { campaignId: planned!.id, actor: { userId: w.owner.userId, organizationId: w.organizationId } })).ok).toBe(true);
    const fake = fakeAdPlatform();
    setDeps(embeddedDeps(handle.db, { facebook: fake.platform }));
    const approved = campaignPlanApproved.create({ organizationId: w.organizationId, projectId: w.projectId, campaignId: planned!.id, version: planned!.version, approvedBy: w.owner.userId, adAccountId: AD_ACCOUNT });
    expect((await new InngestTestEngine({ function: deployCampaign, events: [approved as never], transformCtx: testCtx().transformCtx }).execute()).error).toBeUndefined();
    const [live] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, planned!.id));
    const ids = live!.fbAdIds;
    expect([ids["ad-0-0"], ids["ad-0-1"], ids["ad-0-2"]].map((id) => fake.objects.get(id!)?.status)).toEqual(["ACTIVE", "ACTIVE", "PAUSED"]);

    // Three full days in which ad 1 is seen five times per person; ad 2 is fine; the reserve has not run.
    const adSetId = live!.fbAdSetIds["adset-0"]!;
    const row = (objectType: "campaign" | "adset" | "ad", objectId: string, date: string, v: Record<string, unknown>) => ({
      organizationId: w.organizationId, campaignId: live!.id, adAccountId: AD_ACCOUNT, objectType, objectId, date, objectStatus: "ACTIVE", effectiveStatus: "ACTIVE", ...v,
    });
    await handle.db.insert(performanceSnapshots).values(
      DAYS.flatMap((date) => [
        row("campaign", live!.fbCampaignId!, date, { spendCents: 2000, impressions: 3000, reach: 1200, clicks: 60 }),
        row("adset", adSetId, date, { parentObjectId: live!.fbCampaignId, dailyBudgetCents: 2000, spendCents: 2000, impressions: 3000, reach: 1200, clicks: 60 }),
        row("ad", ids["ad-0-0"]!, date, { parentObjectId: adSetId, creativeId: "cr-1", spendCents: 1000, impressions: 2000, reach: 400, clicks: 40 }),
        row("ad", ids["ad-0-1"]!, date, { parentObjectId: adSetId, creativeId: "cr-2", spendCents: 1000, impressions: 1000, reach: 800, clicks: 20 }),
        row("ad", ids["ad-0-2"]!, date, { parentObjectId: adSetId, creativeId: "cr-3", objectStatus: "PAUSED", effectiveStatus: "PAUSED" }),
      ]),
    );
    await evaluateAndRecord(embeddedDeps(handle.db, { facebook: fake.platform }), { organizationId: w.organizationId, campaignId: live!.id, date: DAYS.at(-1)!, evaluate: evaluatePerformance });
    const rotations = await handle.db.select().from(optimizationActions).where(eq(optimizationActions.campaignId, live!.id));
    expect(rotations.filter((r) => r.kind === "ROTATE_CREATIVE").map((r) => r.objectIds)).toEqual([[ids["ad-0-0"], ids["ad-0-2"]]]);
    // The campaign page says why the third ad is off: it waits in reserve (not "paused by someone").
    const previews = await loadAdPreviews(handle.db, { organizationId: w.organizationId, campaignId: live!.id, storage: deps.services.storage });
    expect(previews!.map((p) => p.marks.map((m) => m.label))).toEqual([[], [], ["In reserve: turned on when an ad tires"]]);
    expect(studio.hookIds).toHaveLength(3);
  });
});
