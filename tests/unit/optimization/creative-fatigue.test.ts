import { describe, expect, it } from "vitest";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { build, type AdSpec, type Spec } from "./fixtures";

function spec(tired: Partial<AdSpec>, alternative: Partial<AdSpec> | null = {}, more: Partial<Spec> = {}): Spec {
  const ads: AdSpec[] = [{ id: "ad-tired", adSet: "as1", creativeId: "cr-1", ...tired }];
  if (alternative) ads.push({ id: "ad-fresh", adSet: "as1", status: "PAUSED", creativeId: "cr-2", ...alternative });
  return { adSets: [{ id: "as1", budgetCents: 5_000 }], ads, days: 3, ...more };
}

const tiredTotals = (impressions: number, reach: number) => ({ totals: { impressions, reach, clicks: impressions / 50, spendCents: 3_000 } });

describe("creative-fatigue", () => {
  it.each([
    { name: "seen 3.001 times each: rotated", impressions: 3_001, reach: 1_000, rotated: true },
    { name: "seen exactly 3 times each: left", impressions: 3_000, reach: 1_000, rotated: false },
    { name: "999 views are too few even at 9 times each", impressions: 999, reach: 111, rotated: false },
  ])("$name", ({ impressions, reach, rotated }) => {
    const t = tiredTotals(impressions, reach);
    const r = evaluatePerformance(build(spec({ totals: { ...t.totals, clicks: Math.ceil(impressions / 50) } })));
    expect(r.autonomous.some((d) => d.rule === "creative-fatigue")).toBe(rotated);
  });

  it("swaps the tired ad for a paused one with another creative", () => {
    const [d] = evaluatePerformance(build(spec(tiredTotals(5_000, 1_000)))).autonomous;
    expect(d).toMatchObject({
      kind: "ROTATE_CREATIVE",
      objectId: "ad-tired",
      objectIds: ["ad-tired", "ad-fresh"],
      before: { statuses: { "ad-tired": "ACTIVE", "ad-fresh": "PAUSED" } },
      after: { statuses: { "ad-tired": "PAUSED", "ad-fresh": "ACTIVE" } },
      moneyMovedCents: 0,
    });
    expect(d!.reason).toContain("each person saw it about 5 times");
  });

  it.each([
    { name: "no other ad", alternative: null, more: {} },
    { name: "the other ad has the same creative", alternative: { creativeId: "cr-1" }, more: {} },
    { name: "the other ad was paused by a person", alternative: {}, more: { excludedAdIds: ["ad-fresh"] } },
    { name: "the other ad is disapproved", alternative: { effectiveStatus: "DISAPPROVED" }, more: {} },
    { name: "the other ad barely got clicks", alternative: { totals: { impressions: 2_000, reach: 2_000, clicks: 2 } }, more: {} },
  ])("tells the owner new images are needed when $name", ({ alternative, more }) => {
    const r = evaluatePerformance(build(spec(tiredTotals(5_000, 1_000), alternative, more)));
    expect(r.autonomous.filter((d) => d.rule === "creative-fatigue")).toEqual([]);
    expect(r.notices).toEqual([expect.objectContaining({ rule: "creative-fatigue", objectId: "ad-tired", title: expect.stringContaining("new images") })]);
  });

  it("a weak ad that is also tired is paused, not rotated", () => {
    const s = spec({ totals: { impressions: 5_000, reach: 1_000, clicks: 5 } });
    s.ads.push({ id: "ad-other", adSet: "as1", totals: { impressions: 2_000, reach: 1_500, clicks: 60 } });
    const r = evaluatePerformance(build(s));
    expect(r.autonomous.map((d) => `${d.rule}:${d.objectId}`)).toEqual(["low-ctr-ad:ad-tired"]);
  });
});
