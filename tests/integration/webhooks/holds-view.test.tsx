import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FacebookHolds } from "@/components/webhooks/facebook-holds";
import { loadFacebookHolds } from "@/components/webhooks/load-facebook-holds";
import { recordAdReview } from "@/server/webhooks/ad-review";
import { recordOutsideStatus } from "@/server/webhooks/outside-status";
import { createTestDb } from "../../support/db";
import { seedAdCampaign, statusChange, withIssues } from "./review-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe("the campaign page's held-back box", () => {
  it("lists flagged ads and what a person turned off, in plain words, for the owning organization only", async () => {
    const c = await seedAdCampaign(handle.db, "view");
    const other = await seedAdCampaign(handle.db, "view-other");
    await recordAdReview(handle.db, withIssues(c.ids.ads[0], 1_800_000_000, "Too much text in the image"));
    await recordOutsideStatus(handle.db, statusChange(c.ids.adSet, "PAUSED", 1_800_000_100, "AD_SET"));
    await recordOutsideStatus(handle.db, statusChange(c.ids.ads[1], "PAUSED", 1_800_000_200));
    await recordOutsideStatus(handle.db, statusChange(c.ids.ads[1], "ACTIVE", 1_800_000_300));

    const holds = await loadFacebookHolds(handle.db, { organizationId: c.organizationId, campaignId: c.campaignId });
    expect(holds.map((h) => [h.kind, h.objectId, h.status])).toEqual([
      ["review", c.ids.ads[0], "WITH_ISSUES"],
      ["held", c.ids.adSet, "PAUSED"],
    ]);
    const html = renderToStaticMarkup(<MantineProvider><FacebookHolds holds={holds} /></MantineProvider>);
    expect(html).toContain("Facebook found a problem with the ad “Fresh bread by 8am”");
    expect(html).toContain("Too much text in the image");
    expect(html).toContain("The group of ads “Parents nearby” was paused outside Aigency");
    for (const id of [c.ids.ads[0], c.ids.adSet]) expect(html).not.toContain(id);

    expect(await loadFacebookHolds(handle.db, { organizationId: other.organizationId, campaignId: c.campaignId })).toEqual([]);
    expect(renderToStaticMarkup(<FacebookHolds holds={[]} />)).toBe("");
  });
});
