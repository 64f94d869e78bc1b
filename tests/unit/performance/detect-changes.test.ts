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
  const found = detectSignificantChanges({ campaign: input.campaign, snapshots: input.snapshots, previous: input.previous, now: input.now });
  // Every message, whatever the condition: no advertising jargon, no broken numbers.
  for (const d of found) expect(`${d.title} ${d.message}`).not.toMatch(/\b(CTR|ROAS|CPA|CPM|impressions?|frequency|conversions?|NaN|Infinity|undefined)\b/i);
  return found;
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

  it("LOW_ROAS: a lead campaign's sign-ups carry no sale value, so its return says nothing", () => {
    const leads = spec([{ id: "ad1", totals: { ...healthy, conversions: 30, conversionValueCents: 0 } }]);
    expect(conditions(detect(leads))).not.toContain("LOW_ROAS");
    const nothing = spec([{ id: "ad1", totals: { ...healthy, conversions: 0, conversionValueCents: 0 } }]);
    expect(conditions(detect(nothing))).toContain("LOW_ROAS");
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
    { name: "13 loaded days that all spent: started 13 days ago, week 1", days: 13, startDate: undefined, week: 1, day: addDays(TODAY, -6) },
    { name: "14 loaded days that all spent: the start may be older, no guess", days: 14, startDate: undefined, week: null, day: null },
    { name: "the same 14 days with the loader's start date", days: 14, startDate: addDays(TODAY, -20), week: 2, day: addDays(TODAY, -6) },
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

describe("MONTHLY_BUDGET_LOW: the project's spend this month against the brief's monthly budget ($1,000)", () => {
  const base = spec([{ id: "ad1", totals: healthy }], { startDate: "2026-10-20" });
  const days = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  };
  const withMonth = (dailySpend: { date: string; spendCents: number }[], monthlyBudgetCents = 100_000) => (input: ReturnType<typeof build>) => {
    input.campaign.monthToDate = { monthlyBudgetCents, dailySpend };
  };
  const spread = (total: number, list: string[]) => list.map((date, i) => ({ date, spendCents: i === 0 ? total - Math.floor(total / list.length) * (list.length - 1) : Math.floor(total / list.length) }));
  const low = (found: Detection[]) => found.find((d) => d.condition === "MONTHLY_BUDGET_LOW");
  const november = days("2026-11-01", TODAY);

  it.each([
    { name: "exactly 80% by the 10th: alert", total: 80_000, alert: true },
    { name: "79.999%: quiet", total: 79_999, alert: false },
  ])("$name", ({ total, alert }) => {
    const found = detect(base, undefined, withMonth(spread(total, november)));
    expect(Boolean(low(found))).toBe(alert);
    if (alert) {
      expect(low(found)).toMatchObject({ day: "2026-11-01", title: "This month's budget is running low" });
      // $80 a day so far: the $200 left lasts until the 13th.
      expect(low(found)!.message).toContain("$800 of the $1,000 you set for the month (80%)");
      expect(low(found)!.message).toContain("around November 13");
    }
  });

  it("names the first of the month as its day, so a later day of the same month is the same alert (posted once)", () => {
    const tenth = low(detect(base, undefined, withMonth(spread(90_000, november))));
    const later = build({ ...base, today: "2026-11-12" }, { now: new Date("2026-11-12T15:00:00Z") });
    later.campaign.monthToDate = { monthlyBudgetCents: 100_000, dailySpend: spread(95_000, days("2026-11-01", "2026-11-12")) };
    const twelfth = low(detectSignificantChanges({ campaign: later.campaign, snapshots: later.snapshots, previous: later.previous, now: later.now }));
    expect(tenth?.day).toBe("2026-11-01");
    expect(twelfth?.day).toBe("2026-11-01");
  });

  it("says used up at 100%, and ignores last month's days", () => {
    const found = low(detect(base, undefined, withMonth([{ date: "2026-10-31", spendCents: 500_000 }, ...spread(100_000, november)])));
    expect(found).toMatchObject({ title: "This month's budget is used up", details: expect.objectContaining({ spendCents: 100_000, runsOutOn: null }) });
  });

  it("data sufficiency: a missing day, no budget, no monthToDate or a past month say nothing", () => {
    const gap = spread(95_000, november).filter((d) => d.date !== "2026-11-04");
    expect(low(detect(base, undefined, withMonth(gap)))).toBeUndefined();
    expect(low(detect(base, undefined, withMonth(spread(95_000, november), 0)))).toBeUndefined();
    expect(low(detect(base))).toBeUndefined();
    // The numbers are November's, but the account's clock says December: old news.
    expect(low(detect(base, new Date("2026-12-01T15:00:00Z"), withMonth(spread(95_000, november))))).toBeUndefined();
  });

  it("a campaign that started mid-month needs its days only from its first day of spend", () => {
    const lateStart = spec([{ id: "ad1", totals: healthy }], { startDate: "2026-11-05" });
    expect(low(detect(lateStart, undefined, withMonth(spread(85_000, days("2026-11-05", TODAY)))))).toBeDefined();
    expect(low(detect(lateStart, undefined, withMonth(spread(85_000, days("2026-11-06", TODAY)))))).toBeUndefined();
  });
});
