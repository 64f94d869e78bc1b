import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MantineProvider } from "@mantine/core";
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdPreviews } from "@/components/campaign/ad-previews";
import { loadAdPreviews } from "@/components/campaign/load-ad-previews";
import { campaignRecords, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { createLocalStorage } from "@/server/services/storage/local-storage";
import { recordAdReview } from "@/server/webhooks/ad-review";
import { createTestDb } from "../../support/db";
import { seedLiveCampaign } from "../optimization/support";
import { AD_ACCOUNT, disapproved } from "../webhooks/review-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let root: string;
beforeAll(async () => {
  handle = await createTestDb();
  root = await mkdtemp(path.join(tmpdir(), "ad-previews-"));
});
afterAll(async () => {
  await handle?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const ad = (name: string, headline: string, cta: string) => ({ name, headline, primaryText: `${headline}, baked this morning.`, cta, imagePrompt: "bread" });
const PLAN = {
  objective: "OUTCOME_LEADS",
  name: "Bakery leads",
  dailyBudgetCents: 3_000,
  summary: "",
  adSets: [
    {
      name: "Parents nearby",
      targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: ["Baking"] },
      ads: [ad("Morning loaf", "Fresh bread by 8am", "SIGN_UP"), ad("Weekly box", "Sourdough every week", "SHOP_NOW"), ad("Gift", "Give a loaf", "INSTALL_MOBILE_APP")],
    },
  ],
};

describe("the campaign page's ads, as people see them", () => {
  it("shows each ad from the plan with its picture, button words and what keeps it off, for the owning organization only", async () => {
    const c = await seedLiveCampaign(handle.db, "previews");
    const other = await seedLiveCampaign(handle.db, "previews-other");
    const p = c.campaignId.slice(0, 8);
    const ids = { adSet: `${p}-as`, ad0: `${p}-ad0`, ad1: `${p}-ad1` };
    // Two ads deployed (the third is not yet); the first ad's picture is in our storage, the second's is missing.
    await handle.db
      .update(campaignRecords)
      .set({
        structure: PLAN,
        fbAdSetIds: { "adset-0": ids.adSet },
        fbImageHashes: { "ad-0-0": "h0", "ad-0-1": "h1" },
        fbAdIds: { "ad-0-0": ids.ad0, "ad-0-1": ids.ad1 },
      })
      .where(eq(campaignRecords.id, c.campaignId));
    const storage = createLocalStorage({ root, appUrl: "http://app.test", getSecret: async () => "s".repeat(64) });
    await storage.put(`${c.organizationId}/campaigns/${c.campaignId}/ad-0-0.png`, Buffer.from("png"), "image/png");

    // The last pull saw the first ad running; the agency paused it since. Facebook turned the second down.
    const pulledAt = new Date(Date.now() - 3_600_000);
    await handle.db.insert(performanceSnapshots).values(
      [ids.ad0, ids.ad1].map((objectId) => ({
        organizationId: c.organizationId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, objectType: "ad" as const, objectId, date: "2026-11-29", effectiveStatus: "ACTIVE", pulledAt,
      })),
    );
    await handle.db.insert(optimizationActions).values({
      organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, adAccountId: AD_ACCOUNT, rule: "low-ctr-ad", kind: "PAUSE_AD",
      objectType: "ad", objectId: ids.ad0, status: "APPLIED", reason: "Almost nobody clicks it.", snapshotDate: "2026-11-29", idempotencyKey: `pause:${p}`,
      before: { statuses: { [ids.ad0]: "ACTIVE" } }, after: { statuses: { [ids.ad0]: "PAUSED" } }, appliedAt: new Date(),
    });
    await recordAdReview(handle.db, disapproved(ids.ad1, 1_800_000_000));

    const ads = await loadAdPreviews(handle.db, { organizationId: c.organizationId, campaignId: c.campaignId, storage });
    expect(ads!.map((a) => [a.key, a.cta, a.domain, a.imageUrl !== null, a.marks.map((m) => m.label)])).toEqual([
      ["ad-0-0", "Sign up", "bakery.example", true, ["Paused"]],
      ["ad-0-1", "Shop now", "bakery.example", false, ["Turned down by Facebook"]],
      ["ad-0-2", "Install now", "bakery.example", false, []],
    ]);
    expect(ads![0]!.imageUrl).toMatch(/^http:\/\/app\.test\/api\/storage\/.+\/ad-0-0\.png\?exp=\d+&sig=[0-9a-f]{64}$/);

    const html = renderToStaticMarkup(<MantineProvider><AdPreviews ads={ads!} simulated={false} /></MantineProvider>);
    for (const text of ["Your Facebook Page", "Sponsored", "Fresh bread by 8am, baked this morning.", "Sign up", "bakery.example", "Paused", "Turned down by Facebook", "The picture is made when the campaign goes live."]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`src="${ads![0]!.imageUrl!.replace(/&/g, "&amp;")}"`);
    for (const id of Object.values(ids)) expect(html).not.toContain(id);
    expect(html).not.toContain("simulated");

    // Another organization's campaign reads as absent, never as its ads.
    expect(await loadAdPreviews(handle.db, { organizationId: other.organizationId, campaignId: c.campaignId, storage })).toBeNull();
  });

  it("before a plan is stored there is nothing to show, in words", async () => {
    const c = await seedLiveCampaign(handle.db, "previews-empty");
    const storage = createLocalStorage({ root, appUrl: "http://app.test", getSecret: async () => "s".repeat(64) });
    expect(await loadAdPreviews(handle.db, { organizationId: c.organizationId, campaignId: c.campaignId, storage })).toEqual([]);
    const html = renderToStaticMarkup(<MantineProvider><AdPreviews ads={[]} simulated /></MantineProvider>);
    expect(html).toContain("No ads in this plan yet.");
  });
});
