import { describe, expect, it } from "vitest";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { build, hoursBefore, NOW, type AdSpec, type Spec } from "./fixtures";

const good: AdSpec = { id: "ad-good", adSet: "as1", totals: { impressions: 10_000, clicks: 200, reach: 8_000, spendCents: 3_000 } };

function spec(weak: Partial<AdSpec>, more: Partial<Spec> = {}): Spec {
  return {
    adSets: [{ id: "as1", budgetCents: 5_000 }],
    ads: [{ id: "ad-weak", adSet: "as1", ...weak }, good],
    days: 2,
    ...more,
  };
}

const paused = (s: Spec, opts?: Parameters<typeof build>[1]) =>
  evaluatePerformance(build(s, opts)).autonomous.filter((d) => d.rule === "low-ctr-ad").map((d) => d.objectId);

describe("low-ctr-ad", () => {
  it.each([
    { name: "0.29% on 10,000 views is paused", impressions: 10_000, clicks: 29, expected: ["ad-weak"] },
    { name: "0.30% on 10,000 views is kept", impressions: 10_000, clicks: 30, expected: [] },
    { name: "999 views with 0.2% is too few to judge", impressions: 999, clicks: 2, expected: [] },
    { name: "1,000 views with 0.2% is paused", impressions: 1_000, clicks: 2, expected: ["ad-weak"] },
    { name: "1,000 views and no click is paused", impressions: 1_000, clicks: 0, expected: ["ad-weak"] },
  ])("$name", ({ impressions, clicks, expected }) => {
    expect(paused(spec({ totals: { impressions, clicks, reach: impressions, spendCents: 1_000 } }))).toEqual(expected);
  });

  it("reads the click rate over all the ad's days, today included", () => {
    // Complete days alone: 29 clicks on 10,000 views; today adds 2 clicks on 10 views, lifting it to 0.3096%.
    const input = build(spec({ totals: { impressions: 10_000, clicks: 29, reach: 10_000 } }));
    const today = input.snapshots.find((r) => r.objectId === "ad-weak")!;
    Object.assign(today, { impressions: 10, clicks: 2 });
    expect(evaluatePerformance(input).autonomous.map((d) => d.objectId)).toEqual([]);
  });

  it("never pauses the last delivering ad of an ad set", () => {
    const alone: Spec = { adSets: [{ id: "as1", budgetCents: 5_000 }], ads: [{ id: "ad-weak", adSet: "as1", totals: { impressions: 5_000, clicks: 1 } }], days: 2 };
    expect(paused(alone)).toEqual([]);
    const pausedSibling = spec({ totals: { impressions: 5_000, clicks: 1 } });
    pausedSibling.ads[1] = { ...good, status: "PAUSED" };
    expect(paused(pausedSibling)).toEqual([]);
  });

  it("of two weak ads and no other, pauses only the weaker one", () => {
    const s: Spec = {
      adSets: [{ id: "as1", budgetCents: 5_000 }],
      ads: [
        { id: "ad-a", adSet: "as1", totals: { impressions: 5_000, clicks: 10 } },
        { id: "ad-b", adSet: "as1", totals: { impressions: 5_000, clicks: 3 } },
      ],
      days: 2,
    };
    expect(paused(s)).toEqual(["ad-b"]);
  });

  it("leaves excluded ads alone, and does not count them as delivering siblings", () => {
    expect(paused(spec({ totals: { impressions: 5_000, clicks: 1 } }, { excludedAdIds: ["ad-weak"] }))).toEqual([]);
    // The only other ad is disapproved: pausing the weak one would stop the ad set.
    const s = spec({ totals: { impressions: 5_000, clicks: 1 } });
    s.ads[1] = { ...good, effectiveStatus: "DISAPPROVED" };
    expect(paused(s)).toEqual([]);
    expect(paused(spec({ totals: { impressions: 5_000, clicks: 1 } }, { excludedAdIds: ["ad-good"] }))).toEqual([]);
  });

  it("counts a sibling's pending pause: never leaves the ad set with no ad", () => {
    const s: Spec = {
      adSets: [{ id: "as1", budgetCents: 5_000 }],
      ads: [
        { id: "ad-a", adSet: "as1", totals: { impressions: 5_000, clicks: 100 } },
        { id: "ad-weak", adSet: "as1", totals: { impressions: 5_000, clicks: 1 } },
      ],
      days: 2,
    };
    expect(paused(s)).toEqual(["ad-weak"]);
    // A two-day-old pause of ad-a still waiting to be applied (outside ad-a's cooldown, but pending).
    const history = [{ kind: "PAUSE_AD" as const, objectIds: ["ad-a"], status: "PROPOSED", moneyMovedCents: 0, at: hoursBefore(NOW, 48) }];
    expect(paused(s, { history })).toEqual([]);
  });

  it("describes the change in plain words and keys it by rule, ad and day", () => {
    const [d] = evaluatePerformance(build(spec({ totals: { impressions: 10_000, clicks: 20, spendCents: 2_000 } }))).autonomous;
    expect(d).toMatchObject({
      kind: "PAUSE_AD",
      objectIds: ["ad-weak"],
      before: { statuses: { "ad-weak": "ACTIVE" } },
      after: { statuses: { "ad-weak": "PAUSED" } },
      moneyMovedCents: 0,
      idempotencyKey: "low-ctr-ad:ad-weak:2026-11-10",
    });
    expect(d!.reason).toContain("only 20 people clicked");
    expect(d!.reason).not.toMatch(/CTR|impression/i);
    expect(d!.projectedEffect).toContain("$10");
  });

  it("does nothing for a paused campaign", () => {
    expect(paused(spec({ totals: { impressions: 5_000, clicks: 1 } }, { campaignStatus: "PAUSED" }))).toEqual([]);
  });
});
