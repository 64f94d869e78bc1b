import { describe, expect, it } from "vitest";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import type { HistoryEntry } from "@/server/optimization/types";
import { build, hoursBefore, NOW, type Spec } from "./fixtures";

/**
 * A campaign where exactly two things are due: pausing ad-weak (no money) and moving $10 a day
 * (10% of the $100 total) from as-worst to as-best.
 */
const spec: Spec = {
  adSets: [
    { id: "as-best", budgetCents: 5_000 },
    { id: "as-worst", budgetCents: 5_000 },
  ],
  ads: [
    { id: "ad-best", adSet: "as-best", totals: { impressions: 3_000, reach: 2_500, clicks: 60, spendCents: 10_000, conversions: 10, conversionValueCents: 60_000 } },
    { id: "ad-worst", adSet: "as-worst", totals: { impressions: 3_000, reach: 2_500, clicks: 60, spendCents: 20_000, conversions: 10 } },
    { id: "ad-weak", adSet: "as-worst", totals: { impressions: 3_000, reach: 2_500, clicks: 3 } },
  ],
  days: 3,
};

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({ kind: "PAUSE_AD", objectIds: [], status: "APPLIED", moneyMovedCents: 0, at: NOW, ...over });
const run = (opts: Parameters<typeof build>[1] = {}, s: Spec = spec) => evaluatePerformance(build(s, opts));
const summary = (opts: Parameters<typeof build>[1] = {}) => {
  const r = run(opts);
  return Object.fromEntries(
    [...r.autonomous, ...r.approval, ...r.blocked, ...r.dryRun].map((d) => [d.rule, d.disposition]),
  );
};

describe("the guards", () => {
  it("lets both run alone under the default policy", () => {
    expect(summary()).toEqual({ "budget-to-best-adset": "autonomous", "low-ctr-ad": "autonomous" });
  });

  it.each([
    { name: "23h59 ago: still cooling down", at: hoursBefore(NOW, 23, 59), expected: {} },
    { name: "24h ago: free again", at: hoursBefore(NOW, 24), expected: { "low-ctr-ad": "autonomous" } },
  ])("cooldown, last change $name", ({ at, expected }) => {
    const history = [entry({ objectIds: ["ad-weak"], at, status: "APPLIED" }), entry({ kind: "SHIFT_BUDGET", objectIds: ["as-best"], at: hoursBefore(NOW, 1) })];
    expect(summary({ history })).toEqual(expected);
  });

  it.each(["APPLIED", "APPLYING", "APPROVED", "AWAITING_APPROVAL", "PROPOSED"])("a %s entry starts a cooldown", (status) => {
    expect(summary({ history: [entry({ objectIds: ["ad-weak"], status, at: hoursBefore(NOW, 2) })] })).not.toHaveProperty("low-ctr-ad");
  });

  it.each(["REJECTED", "EXPIRED", "BLOCKED", "DRY_RUN", "CONFLICT", "FAILED"])("a %s entry does not", (status) => {
    expect(summary({ history: [entry({ objectIds: ["ad-weak"], status, at: hoursBefore(NOW, 2) })] })).toHaveProperty("low-ctr-ad");
  });

  it("allows one budget change per ad set per account day, even with a short cooldown", () => {
    const policy = { cooldownHours: 1 };
    // 14:00 UTC on TODAY is 09:00 in New York: the same account day as NOW (10:00 there).
    const sameDay = [entry({ kind: "SHIFT_BUDGET", objectIds: ["as-best", "as-other"], at: new Date("2026-11-10T14:00:00Z") })];
    expect(summary({ policy, history: sameDay })).not.toHaveProperty("budget-to-best-adset");
    // 04:00 UTC is 23:00 the day before in New York: yesterday's change, so today's is allowed.
    const yesterday = [entry({ kind: "RAISE_BUDGET", objectIds: ["as-best"], at: new Date("2026-11-10T04:00:00Z") })];
    const ny = { ...spec, timezone: "America/New_York" };
    expect(evaluatePerformance(build(ny, { policy, history: yesterday })).autonomous.map((d) => d.rule)).toContain("budget-to-best-adset");
    expect(evaluatePerformance(build(ny, { policy, history: sameDay })).autonomous.map((d) => d.rule)).not.toContain("budget-to-best-adset");
  });

  it.each([
    { name: "exactly the cap runs alone", cap: 1_000, used: 0, expected: "autonomous" },
    { name: "one cent under the cap needs approval", cap: 999, used: 0, expected: "approval" },
    { name: "earlier moves today count", cap: 1_500, used: 500, expected: "autonomous" },
    { name: "earlier moves today count (+1 cent)", cap: 1_499, used: 500, expected: "approval" },
  ])("daily cap: $name", ({ cap, used, expected }) => {
    const history = used ? [entry({ kind: "SHIFT_BUDGET", objectIds: ["as-elsewhere"], moneyMovedCents: used, status: "APPLIED", at: hoursBefore(NOW, 3) })] : [];
    const r = run({ policy: { dailyCapCents: cap }, history });
    const d = [...r.autonomous, ...r.approval].find((x) => x.rule === "budget-to-best-adset")!;
    expect(d.disposition).toBe(expected);
    if (expected === "approval") expect(d.policyNote).toMatch(/daily limit of \$\d+(\.\d\d)?/);
    // Pausing moves no money: never held back by the cap.
    expect(r.autonomous.map((x) => x.rule)).toContain("low-ctr-ad");
  });

  it("counts neither approved changes nor yesterday's against the cap", () => {
    const history = [
      entry({ kind: "RAISE_BUDGET", objectIds: ["x"], moneyMovedCents: 10_000, status: "APPLIED", requiresApproval: true, at: hoursBefore(NOW, 2) }),
      entry({ kind: "SHIFT_BUDGET", objectIds: ["y"], moneyMovedCents: 10_000, status: "APPLIED", at: hoursBefore(NOW, 16) }),
      entry({ kind: "SHIFT_BUDGET", objectIds: ["z"], moneyMovedCents: 10_000, status: "REJECTED", at: hoursBefore(NOW, 1) }),
    ];
    expect(summary({ policy: { dailyCapCents: 1_000 }, history })["budget-to-best-adset"]).toBe("autonomous");
  });

  it.each([
    { x: 10, y: 100, expected: "autonomous" },
    { x: 9, y: 100, expected: "approval" },
    { x: 9, y: 10, expected: "approval" },
    { x: 9, y: 9, expected: "blocked" },
    { x: 100, y: 9, expected: "blocked" },
  ])("moving 10% of the budget with X=$x% and Y=$y% is $expected", ({ x, y, expected }) => {
    const got = summary({ policy: { autonomousMaxPercent: x, blockAbovePercent: y } });
    expect(got["budget-to-best-adset"]).toBe(expected);
    // Pauses are never blocked nor held by the percentages.
    expect(got["low-ctr-ad"]).toBe("autonomous");
  });

  it("suggest-only turns everything into a proposal", () => {
    const r = run({ policy: { suggestOnly: true } });
    expect(r.autonomous).toEqual([]);
    expect(r.approval.map((d) => [d.rule, d.policyNote])).toEqual([
      ["budget-to-best-adset", expect.stringContaining("suggest changes")],
      ["low-ctr-ad", expect.stringContaining("suggest changes")],
    ]);
  });

  it("dry run records everything, applies nothing, and says what would have happened", () => {
    const r = run({ policy: { dryRun: true, blockAbovePercent: 5 } });
    expect(r.autonomous).toEqual([]);
    expect(r.approval).toEqual([]);
    expect(r.blocked).toEqual([]);
    expect(r.dryRun.map((d) => [d.rule, d.policyNote])).toEqual([
      ["budget-to-best-adset", expect.stringMatching(/^Dry run.*would have been blocked/)],
      ["low-ctr-ad", expect.stringMatching(/^Dry run.*made right away/)],
    ]);
  });

  it("a blocked change is still blocked in suggest-only mode", () => {
    expect(summary({ policy: { suggestOnly: true, blockAbovePercent: 5 } })["budget-to-best-adset"]).toBe("blocked");
  });
});
