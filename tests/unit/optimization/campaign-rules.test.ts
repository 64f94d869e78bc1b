import { describe, expect, it } from "vitest";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import { build, type Spec } from "./fixtures";

/** One ad set with a $100 budget; the campaign's days given directly. */
function spec(daily: (i: number) => { spendCents: number; conversionValueCents?: number; impressions?: number; reach?: number; clicks?: number }, days = 3): Spec {
  return {
    adSets: [{ id: "as1", budgetCents: 10_000 }],
    ads: [{ id: "ad1", adSet: "as1", daily: (i) => ({ impressions: 5_000, reach: 4_000, clicks: 100, ...daily(i) }) }],
    days,
  };
}

const all = (s: Spec, policy = {}) => {
  const r = evaluatePerformance(build(s, { policy }));
  return [...r.autonomous, ...r.approval, ...r.blocked, ...r.dryRun];
};
const byRule = (s: Spec, rule: string, policy = {}) => all(s, policy).filter((d) => d.rule === rule);

describe("unprofitable-campaign", () => {
  it.each([
    { name: "returns 0.99× on 2 days' budget: pause proposed", spend: [6_667, 6_667, 6_666], value: 19_999, expected: 1 },
    { name: "returns exactly 1.0×: left", spend: [6_667, 6_667, 6_666], value: 20_000, expected: 0 },
    { name: "spent just under 2 days' budget: too early to judge", spend: [6_667, 6_666, 6_666], value: 0, expected: 0 },
  ])("$name", ({ spend, value, expected }) => {
    const s = spec((i) => ({ spendCents: spend[i]!, conversionValueCents: i === 0 ? value : 0 }));
    const found = byRule(s, "unprofitable-campaign");
    expect(found).toHaveLength(expected);
    if (expected) expect(found[0]).toMatchObject({ kind: "PAUSE_CAMPAIGN", disposition: "approval", objectId: "cmp" });
  });

  it("always asks, even when the policy would let anything run alone", () => {
    const s = spec((i) => ({ spendCents: 8_000, conversionValueCents: i === 0 ? 1_000 : 0 }));
    const [d] = byRule(s, "unprofitable-campaign", { autonomousMaxPercent: 100, blockAbovePercent: 100, dailyCapCents: 10_000_000 });
    expect(d).toMatchObject({ disposition: "approval", policyNote: expect.stringContaining("always waits for your OK") });
    expect(d!.reason).toContain("for every $1 spent you got back $0.04");
  });
});

describe("scale-winner", () => {
  it.each([
    { name: "3.0× and 90% spent each day: raise proposed", spend: [9_000, 9_000, 9_000], value: 81_000, expected: 1 },
    { name: "2.99× is not enough", spend: [9_000, 9_000, 9_000], value: 80_999, expected: 0 },
    { name: "one day at 89.99% spent is not enough", spend: [9_000, 8_999, 9_500], value: 100_000, expected: 0 },
  ])("$name", ({ spend, value, expected }) => {
    const s = spec((i) => ({ spendCents: spend[i]!, conversionValueCents: i === 0 ? value : 0 }));
    expect(byRule(s, "scale-winner")).toHaveLength(expected);
  });

  it("needs 3 days of data", () => {
    const s = spec(() => ({ spendCents: 9_500, conversionValueCents: 40_000 }), 2);
    expect(byRule(s, "scale-winner")).toHaveLength(0);
  });

  it("raises every active ad set by half, floored to whole units, and always waits for approval at +50%", () => {
    const s: Spec = {
      adSets: [
        { id: "as1", budgetCents: 5_050 },
        { id: "as2", budgetCents: 4_950 },
        { id: "as-off", budgetCents: 3_000, status: "PAUSED" },
      ],
      ads: [
        { id: "ad1", adSet: "as1", daily: () => ({ spendCents: 4_600, impressions: 5_000, reach: 4_000, clicks: 100, conversionValueCents: 20_000 }) },
        { id: "ad2", adSet: "as2", daily: () => ({ spendCents: 4_500, impressions: 5_000, reach: 4_000, clicks: 100, conversionValueCents: 20_000 }) },
      ],
      days: 3,
    };
    const [d] = byRule(s, "scale-winner", { autonomousMaxPercent: 100 });
    expect(d).toMatchObject({
      kind: "RAISE_BUDGET",
      disposition: "approval",
      objectIds: ["as1", "as2"],
      before: { dailyBudgets: { as1: 5_050, as2: 4_950 } },
      after: { dailyBudgets: { as1: 7_500, as2: 7_400 } },
      moneyMovedCents: 4_900,
      budgetChangePercent: 49,
    });
    expect(d!.policyNote).toContain("above 30%");
  });

  it.each([
    { blockAbovePercent: 49, disposition: "blocked" },
    { blockAbovePercent: 50, disposition: "approval" },
  ])("a +50% raise with the block above $blockAbovePercent% is $disposition", ({ blockAbovePercent, disposition }) => {
    const s = spec(() => ({ spendCents: 9_500, conversionValueCents: 40_000 }));
    expect(byRule(s, "scale-winner", { blockAbovePercent })[0]?.disposition).toBe(disposition);
  });
});

describe("audience-saturated", () => {
  /** 6 days: the first 3 at 1% clicks, the last 3 at `lastClicks` per 10,000 views, seen `frequency` times each. */
  const saturated = (lastClicks: number, reach = 2_400, days = 6) =>
    spec((i) => (i < days - 3 ? { spendCents: 5_000, impressions: 10_000, reach: 5_000, clicks: 100 } : { spendCents: 5_000, impressions: 10_000, reach, clicks: lastClicks }), days);

  it.each([
    { name: "clicks down to 70% of the first days: a new audience proposed", lastClicks: 70, expected: 1 },
    { name: "clicks at 71% of the first days: left", lastClicks: 71, expected: 0 },
  ])("$name", ({ lastClicks, expected }) => {
    const found = byRule(saturated(lastClicks), "audience-saturated");
    expect(found).toHaveLength(expected);
    if (expected) expect(found[0]).toMatchObject({ kind: "CHANGE_AUDIENCE", disposition: "approval" });
  });

  it("needs people to have seen it more than 4 times each", () => {
    expect(byRule(saturated(50, 2_500), "audience-saturated")).toHaveLength(0); // exactly 4
    expect(byRule(saturated(50, 2_499), "audience-saturated")).toHaveLength(1);
  });

  it("needs 6 days of data", () => {
    expect(byRule(saturated(50, 2_400, 5), "audience-saturated")).toHaveLength(0);
  });
});
