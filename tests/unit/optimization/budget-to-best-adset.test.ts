import { describe, expect, it } from "vitest";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { build, type Spec } from "./fixtures";

/** Two ad sets, 3 complete days; best costs $10 per result, worst `worstSpend / 10` per result. */
function spec(o: { worstSpend?: number; worstConversions?: number; worstImpressions?: number; worstBudget?: number; days?: number; value?: number } = {}): Spec {
  return {
    adSets: [
      { id: "as-best", budgetCents: 5_000 },
      { id: "as-worst", budgetCents: o.worstBudget ?? 5_000 },
    ],
    ads: [
      { id: "ad-best", adSet: "as-best", totals: { impressions: 3_000, reach: 2_000, clicks: 60, spendCents: 10_000, conversions: 10, conversionValueCents: o.value ?? 0 } },
      {
        id: "ad-worst",
        adSet: "as-worst",
        totals: { impressions: o.worstImpressions ?? 3_000, reach: 2_000, clicks: 60, spendCents: o.worstSpend ?? 20_000, conversions: o.worstConversions ?? 10, conversionValueCents: 0 },
      },
    ],
    days: o.days ?? 3,
  };
}

const shifts = (s: Spec, policy = {}) => {
  const r = evaluatePerformance(build(s, { policy }));
  return [...r.autonomous, ...r.approval, ...r.blocked, ...r.dryRun].filter((d) => d.rule === "budget-to-best-adset");
};

describe("budget-to-best-adset", () => {
  it.each([
    { name: "a 24.9% gap is left alone", worstSpend: 12_490, expected: 0 },
    { name: "a 25% gap moves money", worstSpend: 12_500, expected: 1 },
    { name: "no conversions at all counts as the worst", worstSpend: 5_000, worstConversions: 0, expected: 1 },
  ])("$name", ({ worstSpend, worstConversions, expected }) => {
    expect(shifts(spec({ worstSpend, worstConversions }))).toHaveLength(expected);
  });

  it.each([
    { name: "999 views on one ad set is too little", worstImpressions: 999, expected: 0 },
    { name: "1,000 views on each is enough", worstImpressions: 1_000, expected: 1 },
  ])("$name", ({ worstImpressions, expected }) => {
    expect(shifts(spec({ worstImpressions }))).toHaveLength(expected);
  });

  it("needs a row on each of the last 3 days", () => {
    expect(shifts(spec({ days: 2 }))).toHaveLength(0);
    expect(shifts(spec({ days: 3 }))).toHaveLength(1);
  });

  it("needs two active ad sets", () => {
    const s = spec();
    s.adSets[0]!.status = "PAUSED";
    expect(shifts(s)).toHaveLength(0);
  });

  it("moves 20% of the worst's budget to the best, floored to whole units, total unchanged", () => {
    const [d] = shifts(spec({ worstBudget: 5_750 }));
    expect(d).toMatchObject({
      kind: "SHIFT_BUDGET",
      objectId: "as-worst",
      objectIds: ["as-worst", "as-best"],
      moneyMovedCents: 1_100,
      budgetChangePercent: 0,
      before: { dailyBudgets: { "as-worst": 5_750, "as-best": 5_000 } },
      after: { dailyBudgets: { "as-worst": 4_650, "as-best": 6_100 } },
      disposition: "autonomous",
    });
    const sum = (b: Record<string, number>) => Object.values(b).reduce((a, x) => a + x, 0);
    expect(sum(d!.after.dailyBudgets!)).toBe(sum(d!.before.dailyBudgets!));
    expect(d!.projectedEffect).toContain("$11 a day");
  });

  it.each([
    { worstBudget: 499, moved: null },
    { worstBudget: 500, moved: 100 },
    { worstBudget: 999, moved: 100 },
    { worstBudget: 1_000, moved: 200 },
  ])("a worst budget of $worstBudget cents moves $moved", ({ worstBudget, moved }) => {
    const [d] = shifts(spec({ worstBudget }), { autonomousMaxPercent: 100, dailyCapCents: 1_000_000 });
    expect(d?.moneyMovedCents ?? null).toBe(moved);
  });

  it("is skipped the day the campaign qualifies for a bigger budget", () => {
    // 3× return and each day's spend at ≥ 90% of the $100 budget: scale-winner, not a shift.
    const s = spec({ worstSpend: 17_003, value: 90_000 });
    s.totalDailyBudgetCents = 10_000;
    const r = evaluatePerformance(build(s));
    expect(r.approval.map((d) => d.rule)).toEqual(["scale-winner"]);
    expect(shifts(s)).toHaveLength(0);
  });
});
