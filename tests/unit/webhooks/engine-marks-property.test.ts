import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { build, type AdSpec, type Spec } from "../optimization/fixtures";

// Random campaigns with random marks: some ads turned down or flagged by Facebook (the loader puts them
// in excludedAdIds), some objects a person turned off (heldObjectIds).
const adArb = fc.record({
  impressions: fc.integer({ min: 0, max: 8_000 }),
  clicksPerMille: fc.integer({ min: 0, max: 25 }),
  reachPct: fc.integer({ min: 15, max: 100 }),
  paused: fc.boolean(),
  creative: fc.integer({ min: 1, max: 3 }),
  review: fc.constantFrom(null, null, "DISAPPROVED", "WITH_ISSUES"),
  held: fc.boolean(),
});
const campaignArb = fc.record({
  adSets: fc.array(fc.record({ budgetCents: fc.integer({ min: 500, max: 20_000 }), held: fc.boolean(), ads: fc.array(adArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
  campaignHeld: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

describe("the rules respect Facebook's marks (property)", () => {
  it("never touch a held object or anything under it, never judge or lean on a turned-down ad", () => {
    fc.assert(
      fc.property(campaignArb, (c) => {
        const ads: AdSpec[] = [];
        const held: string[] = c.campaignHeld ? ["cmp"] : [];
        const blocked: string[] = [];
        c.adSets.forEach((s, i) => {
          if (s.held) held.push(`as${i}`);
          s.ads.forEach((a, j) => {
            const id = `ad${i}-${j}`;
            if (a.held) held.push(id);
            if (a.review) blocked.push(id);
            ads.push({
              id, adSet: `as${i}`, status: a.paused ? "PAUSED" : "ACTIVE", creativeId: `cr-${a.creative}`,
              totals: { impressions: a.impressions, clicks: Math.floor((a.impressions * a.clicksPerMille) / 1000), reach: Math.max(1, Math.floor((a.impressions * a.reachPct) / 100)), spendCents: a.impressions },
            });
          });
        });
        const spec: Spec = { adSets: c.adSets.map((s, i) => ({ id: `as${i}`, budgetCents: s.budgetCents })), ads, days: 3 };
        const input = build(spec);
        input.campaign.excludedAdIds = [...blocked, ...held.filter((id) => id.startsWith("ad"))];
        input.campaign.heldObjectIds = held;
        const r = evaluatePerformance(input);
        const heldUnder = (id: string) => {
          const ad = ads.find((a) => a.id === id);
          const adSet = ad?.adSet ?? (id.startsWith("as") ? id : null);
          return held.includes(id) || (adSet !== null && held.includes(adSet)) || held.includes("cmp");
        };
        for (const d of [...r.autonomous, ...r.approval, ...r.blocked, ...r.dryRun]) {
          const touched = [d.objectId, ...d.objectIds, ...Object.keys(d.after.statuses ?? {}), ...Object.keys(d.after.dailyBudgets ?? {})];
          expect(touched.filter(heldUnder)).toEqual([]);
          expect(touched.filter((id) => blocked.includes(id))).toEqual([]);
          // Each ad set it pauses an ad in keeps one running ad that Facebook shows and nobody holds.
          for (const [id, s] of Object.entries(d.after.statuses ?? {})) {
            const ad = ads.find((a) => a.id === id);
            if (!ad || s !== "PAUSED") continue;
            const running = ads.filter((a) => a.adSet === ad.adSet && a.id !== id && !blocked.includes(a.id) && !heldUnder(a.id) && (a.status === "ACTIVE" || d.after.statuses?.[a.id] === "ACTIVE"));
            expect(running.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
