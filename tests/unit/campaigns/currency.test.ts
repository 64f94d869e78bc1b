import { describe, expect, it } from "vitest";
import { convertMonthlyBudget, currencyDigits, floorToCurrency, formatMoney, toGraphAmount } from "@/server/campaigns/currency";
import { checkPlanRules, planDailyCap } from "@/server/campaigns/plan-rules";
import type { CampaignPlan } from "@/server/campaigns/plan-schema";

describe("currency helpers", () => {
  it("knows which currencies have no minor unit (Intl) and Facebook's offset-1 list, which is longer", () => {
    expect([currencyDigits("USD"), currencyDigits("JPY"), currencyDigits("KWD")]).toEqual([2, 0, 3]);
    // ¥1,000 is 100,000 hundredths: Graph wants 1000, not 100000.
    expect(toGraphAmount(100_000, "JPY")).toBe(1_000);
    expect(toGraphAmount(100_000, "KRW")).toBe(1_000);
    // ISO 4217 gives TWD and COP two decimals, but Facebook's offset for them is 1.
    expect(toGraphAmount(500_000, "TWD")).toBe(5_000);
    expect(toGraphAmount(500_000, "COP")).toBe(5_000);
    expect(toGraphAmount(3_017, "EUR")).toBe(3_017);
  });

  it("rounds budgets down to what the currency can spend, never up", () => {
    expect(floorToCurrency(100_099, "JPY")).toBe(100_000);
    expect(floorToCurrency(3_017, "EUR")).toBe(3_017);
  });

  it("formats in the plan's own currency, never a hard-coded dollar sign", () => {
    expect(formatMoney(3_500, "EUR")).toBe("€35");
    expect(formatMoney(3_517, "GBP")).toBe("£35.17");
    expect(formatMoney(150_000, "JPY")).toBe("¥1,500");
  });

  it("converts a monthly budget with a stated rate and keeps the original", () => {
    const c = convertMonthlyBudget({ cents: 105_000, from: "USD", to: "EUR" })!;
    expect(c).toMatchObject({ from: "USD", to: "EUR", rate: 0.862069, originalMonthlyCents: 105_000, convertedMonthlyCents: 90_517 });
    expect(c.ratesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(convertMonthlyBudget({ cents: 105_000, from: "USD", to: "JPY" })!.convertedMonthlyCents % 100).toBe(0);
    expect(convertMonthlyBudget({ cents: 105_000, from: "USD", to: "AED" })).toBeNull();
  });
});

describe("project-wide budget cap", () => {
  const plan = (dailyBudgetCents: number): CampaignPlan => ({
    objective: "OUTCOME_LEADS",
    name: "Bakery",
    dailyBudgetCents,
    summary: "s",
    adSets: [{ name: "A", targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: [] }, ads: [{ name: "Ad", headline: "h", primaryText: "p", cta: "SIGN_UP", imagePrompt: "i" }] }],
  });
  const brief = { goal: "LEADS" as const, monthlyBudgetCents: 60_000 };

  it("subtracts what the project's other live campaigns spend from the daily cap", () => {
    expect(planDailyCap({ ...brief, committedDailyCents: 1_500 })).toBe(500);
    expect(checkPlanRules(plan(2_000), brief)).toEqual([]);
    expect(checkPlanRules(plan(2_000), { ...brief, committedDailyCents: 1_500 })).toEqual([
      { path: "dailyBudgetCents", message: "must be at most 500 (the monthly budget / 30, minus 1500 for the project's other live campaigns)" },
    ]);
  });
});
