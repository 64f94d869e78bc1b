import type { ReportDay } from "@/server/reports/figures";

/**
 * Two weeks of campaign-level days, figures worked out by hand:
 * week before (Nov 16–22): 7 × $10 = $70 spend, 7 × 100 = 700 reach, no results, no value.
 * week (Nov 23–29, Nov 25 missing): $105 spend, 1,200 reach, 7 results, $150 value;
 * cost per result 10500 / 7 = 1500 → $15; ROAS 15000 / 10500 = 1.428… → 1.43x;
 * spend up 50% (10500 / 7000), reach up 71% (1200 / 700 = 1.714…).
 */
export const WEEK_ENDING = "2026-11-29";

export const PREVIOUS_WEEK: ReportDay[] = ["16", "17", "18", "19", "20", "21", "22"].map((d) => ({
  date: `2026-11-${d}`,
  spendCents: 1000,
  reach: 100,
  conversions: 0,
  conversionValueCents: 0,
}));

const day = (d: string, spendCents: number, conversions: number, conversionValueCents: number): ReportDay => ({
  date: `2026-11-${d}`,
  spendCents,
  reach: 200,
  conversions,
  conversionValueCents,
});

export const REPORT_WEEK: ReportDay[] = [
  day("23", 1500, 1, 5000),
  day("24", 1500, 2, 0),
  day("26", 2000, 0, 0),
  day("27", 2000, 3, 10000),
  day("28", 2500, 1, 0),
  day("29", 1000, 0, 0),
];
