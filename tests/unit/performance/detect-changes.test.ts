import { describe, expect, it } from "vitest";
import { addDays } from "@/server/performance/account-time";
import { detectSignificantChanges } from "@/server/performance/detect-changes";
import type { Detection } from "@/server/performance/types";
import { build, TODAY, type AdSpec, type Spec } from "../optimization/fixtures";

/** One ad set with a $100 budget; the ads' totals over 3 complete days. */
const spec = (ads: Omit<AdSpec, "adSet">[], more: Partial<Spec> = {}): Spec => ({
  adSets: [{ id: "as1", budgetCents: 10_000 }],
  ads: ads.map((a) => ({ adSet: "as1", ...a })),
  days: 3,
  ...more,
});

function detect(s: Spec, now?: Date, edit?: (input: ReturnType<typeof build>) => void): Detection[] {
  const input = build(s, { now });
  edit?.(input);
  return detectSignificantChanges({ campaign: input.campaign, snapshots: input.snapshots, previous: input.previous, now: input.now });
}
const conditions = (d: Detection[]) => d.map((x) => x.condition);
// Healthy numbers: 2% clicks, 4× return.
const healthy = { impressions: 10_000, reach: 8_000, clicks: 200, spendCents: 30_000, conversionValueCents: 120_000 };

describe("detectSignificantChanges", () => {
  it("says nothing about a healthy campaign, nor about an empty one", () => {
    expect(detect(spec([{ id: "ad1", totals: healthy }]))).toEqual([]);
    expect(detectSignificantChanges({ campaign: build(spec([])).campaign, snapshots: [], previous: [], now: new Date() })).toEqual([]);
  });

  it.each([
    { name: "1.4999× on a day's budget and 1,000 views: alert", spend: 10_000, value: 14_999, impressions: 1_000, alert: true },
    { name: "exactly 1.5×: quiet", spend: 10_000, value: 15_000, impressions: 1_000, alert: false },
    { name: "under one day's budget spent: too early", spend: 9_999, value: 0, impressions: 5_000, alert: false },
    { name: "999 views: too few", spend: 10_000, value: 0, impressions: 999, alert: false },
  ])("LOW_ROAS: $name", ({ spend, value, impressions, alert }) => {
    const found = detect(spec([{ id: "ad1", totals: { impressions, reach: impressions, clicks: impressions, spendCents: spend, conversionValueCents: value } }]));
    expect(conditions(found).includes("LOW_ROAS")).toBe(alert);
    if (alert) {
      const d = found.find((x) => x.condition === "LOW_ROAS")!;
      expect(d).toMatchObject({ day: TODAY, title: expect.any(String) });
      expect(d.message).toContain("for every $1 spent you got back $1.49");
      expect(d.message).not.toMatch(/ROAS|CTR/);
    }
  });

  it.each([
    { name: "0.49% on 10,000 views: alert", impressions: 10_000, clicks: 49, alert: true },
    { name: "0.50%: quiet", impressions: 10_000, clicks: 50, alert: false },
    { name: "999 views without a click: too few", impressions: 999, clicks: 0, alert: false },
  ])("LOW_CTR: $name", ({ impressions, clicks, alert }) => {
    const found = detect(spec([{ id: "ad1", totals: { ...healthy, impressions, clicks } }]));
    expect(conditions(found).includes("LOW_CTR")).toBe(alert);
    if (alert) expect(found.find((d) => d.condition === "LOW_CTR")!.message).toContain("people clicked");
  });

  describe("BUDGET_PACING in the ad account's zone (New York, UTC-5 in November)", () => {
    const ny = spec([{ id: "ad1", totals: healthy }], { timezone: "America/New_York" });
    const spendToday = (cents: number) => (input: ReturnType<typeof build>) => {
      for (const r of input.snapshots) if (r.objectType !== "ad" || r.objectId === "ad1") r.spendCents = cents;
    };
    it.each([
      { name: "80% spent at 11:59: alert", at: "16:59", spend: 8_000, alert: true },
      { name: "80% spent at 12:00: quiet (midday passed)", at: "17:00", spend: 8_000, alert: false },
      { name: "79.99% spent at 09:00: quiet", at: "14:00", spend: 7_999, alert: false },
      { name: "100% spent at 00:30: alert", at: "05:30", spend: 10_000, alert: true },
    ])("$name", ({ at, spend, alert }) => {
      const found = detect(ny, new Date(`${TODAY}T${at}:00Z`), spendToday(spend));
      expect(conditions(found).includes("BUDGET_PACING")).toBe(alert);
      if (alert) expect(found.find((d) => d.condition === "BUDGET_PACING")).toMatchObject({ day: TODAY, message: expect.stringContaining("of today's $100") });
    });

    it("reads today's row only: yesterday's full spend is no news", () => {
      // 11:00 in New York; complete days spent 100% of the budget, today nothing yet.
      expect(conditions(detect(ny, new Date(`${TODAY}T16:00:00Z`)))).not.toContain("BUDGET_PACING");
    });

    it("04:00 UTC is still yesterday in New York: today's row is not today's there", () => {
      expect(conditions(detect(ny, new Date(`${TODAY}T04:00:00Z`), spendToday(9_000)))).not.toContain("BUDGET_PACING");
    });
  });

  it.each([
    { name: "2.3% against a 1.13% average: standout", clicks: 23, impressions: 1_000, others: 1, alert: true },
    { name: "2.2% against a 1.12% average: not quite", clicks: 22, impressions: 1_000, others: 1, alert: false },
    { name: "999 views on the ad: too few", clicks: 100, impressions: 999, others: 1, alert: false },
    { name: "a single ad has nothing to stand out from", clicks: 100, impressions: 1_000, others: 0, alert: false },
  ])("STANDOUT_AD: $name", ({ clicks, impressions, others, alert }) => {
    const ads: Omit<AdSpec, "adSet">[] = [{ id: "ad-star", totals: { impressions, reach: impressions, clicks, spendCents: 1_000, conversionValueCents: 10_000 } }];
    if (others) ads.push({ id: "ad-plain", totals: { impressions: 9_000, reach: 9_000, clicks: 90, spendCents: 9_000, conversionValueCents: 40_000 } });
    const found = detect(spec(ads));
    expect(conditions(found).includes("STANDOUT_AD")).toBe(alert);
    if (alert) expect(found.find((d) => d.condition === "STANDOUT_AD")).toMatchObject({ objectId: "ad-star" });
  });

  it.each([
    { name: "6 days since the first spend: not yet", days: 6, startDate: undefined, week: null, day: null },
    { name: "7 days: week 1 completes today", days: 7, startDate: undefined, week: 1, day: TODAY },
    { name: "9 days: week 1 is still the latest (same day, so posted once)", days: 9, startDate: undefined, week: 1, day: addDays(TODAY, -2) },
    { name: "the loader's start date wins over the loaded rows", days: 7, startDate: addDays(TODAY, -14), week: 2, day: TODAY },
  ])("WEEK_COMPLETED: $name", ({ days, startDate, week, day }) => {
    const found = detect(spec([{ id: "ad1", totals: { ...healthy, spendCents: 10_000 * days } }], { days, startDate })).find((d) => d.condition === "WEEK_COMPLETED");
    if (week === null) return expect(found).toBeUndefined();
    expect(found).toMatchObject({ day, details: { week, weekEnding: addDays(day!, -1) } });
    expect(found!.title).toContain(week === 1 ? "a week" : `${week} weeks`);
  });

  it("counts weeks from the first day with spend, not the first row", () => {
    // 8 complete days, the first one with no spend: started 7 days ago.
    const s = spec([{ id: "ad1", daily: (i) => (i === 0 ? { impressions: 0 } : { impressions: 1_000, reach: 900, clicks: 20, spendCents: 10_000 }) }], { days: 8 });
    expect(detect(s).find((d) => d.condition === "WEEK_COMPLETED")).toMatchObject({ day: TODAY, details: { week: 1 } });
  });
});
