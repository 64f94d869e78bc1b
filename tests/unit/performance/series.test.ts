import { describe, expect, it } from "vitest";
import { formatDay, formatPercent, formatRoas, summarizeSeries, toDailySeries } from "@/components/performance/series";
import { simulatedControlsEnabled } from "@/components/performance/simulated-controls-enabled";

const row = (date: string, spendCents: number, impressions: number, clicks: number, conversions = 0, conversionValueCents = 0) => ({
  date,
  spendCents,
  impressions,
  clicks,
  conversions,
  conversionValueCents,
});

describe("daily series for the performance charts", () => {
  it("orders days oldest first and recomputes CTR and ROAS from the day's sums", () => {
    const points = toDailySeries([row("2026-11-29", 4_000, 2_000, 30, 2, 12_000), row("2026-11-28", 5_000, 1_000, 10, 1, 2_500)]);
    expect(points.map((p) => p.date)).toEqual(["2026-11-28", "2026-11-29"]);
    expect(points[0]).toMatchObject({ ctr: 1, roas: 0.5 });
    expect(points[1]).toMatchObject({ ctr: 1.5, roas: 3 });
  });

  it("merges two rows of one day instead of averaging their ratios", () => {
    // 1% of 1,000 and 10% of 100 is 110 clicks out of 1,100 views: 10%, not the 5.5% an average of ratios gives.
    const [day] = toDailySeries([row("2026-11-28", 100, 1_000, 10), row("2026-11-28", 100, 100, 100)]);
    expect(day).toMatchObject({ spendCents: 200, impressions: 1_100, clicks: 110 });
    expect(day!.ctr).toBeCloseTo(10, 10);
  });

  it("leaves CTR and ROAS empty on a day with no views or no spend, rather than dividing by zero", () => {
    const [day] = toDailySeries([row("2026-11-28", 0, 0, 0)]);
    expect(day).toMatchObject({ ctr: null, roas: null });
    expect(formatPercent(day!.ctr)).toBe("—");
    expect(formatRoas(day!.roas)).toBe("—");
  });

  it("sums the period for the totals row", () => {
    const total = summarizeSeries(toDailySeries([row("2026-11-28", 1_000, 1_000, 10, 1, 3_000), row("2026-11-29", 1_000, 1_000, 30, 3, 5_000)]));
    expect(total).toMatchObject({ days: 2, spendCents: 2_000, conversions: 4, ctr: 2, roas: 4 });
    expect(summarizeSeries([])).toMatchObject({ days: 0, spendCents: 0, ctr: null, roas: null });
  });

  it("writes account days as calendar days, whatever the machine's zone", () => {
    expect(formatDay("2026-11-30")).toBe("Nov 30");
    expect(formatDay("2026-11-30", { weekday: true })).toBe("Mon, Nov 30");
    expect(formatDay("not a date")).toBe("not a date");
    expect(formatPercent(0.256)).toBe("0.26%");
    expect(formatRoas(3.456)).toBe("3.46×");
  });
});

describe("simulated clock controls", () => {
  it("show only on the simulated account, and in production only with the e2e test controls", () => {
    const on = (facebookKind: "graph" | "simulated", NODE_ENV: "development" | "test" | "production", AIGENCY_TEST_CONTROLS?: "0" | "1") =>
      simulatedControlsEnabled({ facebookKind, env: { NODE_ENV, AIGENCY_TEST_CONTROLS } });
    expect(on("simulated", "development")).toBe(true);
    expect(on("simulated", "production")).toBe(false);
    expect(on("simulated", "production", "1")).toBe(true);
    expect(on("graph", "development", "1")).toBe(false);
  });
});
