import { describe, expect, it } from "vitest";
import { withMarker } from "@/server/campaigns/deploy/markers";
import type { AdAccountContext, AdPlatform } from "@/server/services/facebook/types";
import { approvedScenario, expectDeployedOnce, recordOf, runUntilDone, setUpReconcileWorld, type Backend } from "./reconcile-support";

/**
 * A run that lost the claim of a slot and crashed before deleting its own copy leaves that copy live
 * (ad sets and ads are created ACTIVE); its retry stops at the stored id. Activation must delete it,
 * or it spends beside the copy the record names as soon as the campaign is switched on.
 */

const world = setUpReconcileWorld();

/** The backend's account, plus a crashed racer's leftovers made right after our first ad: a marked ACTIVE ad set and ad. */
function withCrashedRacer(backend: Backend, scenario: { prefix?: string; db?: Parameters<typeof recordOf>[0]; campaignId?: string }) {
  const base = backend.platform;
  const strays: string[] = [];
  const platform: AdPlatform = {
    ...base,
    createAd: async (ctx: AdAccountContext, input) => {
      const out = await base.createAd(ctx, input);
      if (!strays.length && scenario.prefix) {
        const { fbCampaignId } = await recordOf(scenario.db!, scenario.campaignId!);
        const adSet = await base.createAdSet(ctx, {
          name: withMarker("Racer's ad set", `${scenario.prefix}adset-0]`), campaignId: fbCampaignId!, dailyBudgetCents: 1000,
          billingEvent: "IMPRESSIONS", optimizationGoal: "LINK_CLICKS", targeting: { geo_locations: { countries: ["US"] } }, status: "ACTIVE",
        });
        const ad = await base.createAd(ctx, { name: withMarker("Racer's ad", `${scenario.prefix}ad-0-0]`), adSetId: input.adSetId, creativeId: input.creativeId, status: "ACTIVE" });
        strays.push(adSet.id, ad.id);
      }
      return out;
    },
  };
  return { backend: { ...backend, platform }, strays };
}

describe("activation deletes marked copies the record does not name", () => {
  for (const name of ["simulated", "graph"] as const) {
    it(`${name}: a crashed racer's ACTIVE ad set and ad are gone before the campaign is switched on; exactly the record's objects stay live`, async () => {
      const target: { prefix?: string; db?: Parameters<typeof recordOf>[0]; campaignId?: string } = {};
      const racer = withCrashedRacer(world.backends[name], target);
      const s = await approvedScenario(world.db, racer.backend, `Strays ${name}`);
      Object.assign(target, { prefix: s.markerPrefix, db: s.db, campaignId: s.campaignId });
      await runUntilDone(s, "deploy");
      expect(racer.strays).toHaveLength(2);
      // One live object per plan entry, and the record names exactly those: the racer's copies are not live.
      await expectDeployedOnce(s);
    });
  }
});
