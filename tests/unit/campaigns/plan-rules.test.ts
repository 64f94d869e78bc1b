import { describe, expect, it } from "vitest";
import { buildApprovalCard } from "@/server/campaigns/approval-card";
import { draftPlanFromBrief } from "@/server/campaigns/offline-plan";
import { checkPlanRules, dailyBudgetCap } from "@/server/campaigns/plan-rules";
import type { CampaignPlan } from "@/server/campaigns/plan-schema";
import { projectResults } from "@/server/campaigns/projections";

const brief = {
  businessDescription: "A neighbourhood bakery",
  product: "Sourdough bread subscriptions",
  targetAudience: "Busy parents",
  goal: "LEADS" as const,
  monthlyBudgetCents: 60_000,
  budgetCurrency: "USD",
  location: "Austin, Texas",
  uniqueSellingPoint: "Baked at 5am, delivered by 8am",
  websiteUrl: "https://bakery.example",
};

const validPlan = (): CampaignPlan => ({
  objective: "OUTCOME_LEADS",
  name: "Bakery — leads",
  dailyBudgetCents: 2_000,
  summary: "One ad to parents nearby.",
  adSets: [
    {
      name: "Parents 25-45",
      targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: ["Baking"] },
      ads: [{ name: "Ad 1", headline: "Fresh bread, 8am", primaryText: "Baked at 5am.", cta: "SIGN_UP", imagePrompt: "bread" }],
    },
  ],
});

describe("checkPlanRules", () => {
  it("accepts a plan within every rule", () => {
    expect(checkPlanRules(validPlan(), brief)).toEqual([]);
  });

  it("caps the daily budget at the monthly budget / 30", () => {
    expect(dailyBudgetCap(60_000)).toBe(2_000);
    const plan = { ...validPlan(), dailyBudgetCents: 2_001 };
    expect(checkPlanRules(plan, brief)).toEqual([{ path: "dailyBudgetCents", message: "must be at most 2000 (the monthly budget / 30)" }]);
  });

  it("names every broken rule with its path", () => {
    const plan = validPlan();
    plan.objective = "OUTCOME_SALES";
    plan.adSets[0]!.targeting = { countries: ["usa"], ageMin: 16, ageMax: 70, interests: [] };
    plan.adSets[0]!.ads[0] = { name: "x", headline: "h".repeat(41), primaryText: "", cta: "BUY_NOW_PLEASE", imagePrompt: " " };
    const paths = checkPlanRules(plan, brief).map((v) => v.path);
    expect(paths).toEqual([
      "objective",
      "adSets.0.targeting.ageMin",
      "adSets.0.targeting.ageMax",
      "adSets.0.targeting.countries.0",
      "adSets.0.ads.0.headline",
      "adSets.0.ads.0.primaryText",
      "adSets.0.ads.0.cta",
      "adSets.0.ads.0.imagePrompt",
    ]);
  });

  it("requires at least one ad set and one ad", () => {
    expect(checkPlanRules({ ...validPlan(), adSets: [] }, brief).map((v) => v.path)).toContain("adSets");
    const plan = validPlan();
    plan.adSets[0]!.ads = [];
    expect(checkPlanRules(plan, brief).map((v) => v.path)).toContain("adSets.0.ads");
  });

  it("rejects an inverted age range", () => {
    const plan = validPlan();
    plan.adSets[0]!.targeting.ageMin = 50;
    plan.adSets[0]!.targeting.ageMax = 30;
    expect(checkPlanRules(plan, brief)).toEqual([{ path: "adSets.0.targeting.ageMin", message: "must not be greater than ageMax" }]);
  });
});

describe("offline plan", () => {
  const pick = <T>(xs: readonly T[]) => xs[0]!;

  it("drafts a plan that passes the rules, labelled as demo output", () => {
    const plan = draftPlanFromBrief(brief, { pick });
    expect(checkPlanRules(plan, brief)).toEqual([]);
    expect(plan.summary).toContain("[offline demo model]");
    expect(plan.dailyBudgetCents).toBeLessThanOrEqual(dailyBudgetCap(brief.monthlyBudgetCents));
  });

  it("targets the ages the owner gave for their audience, and a broad default otherwise", () => {
    const aged = { ...brief, targetAudience: "Busy professionals aged 25 to 45 who love good bread" };
    expect(draftPlanFromBrief(aged, { pick }).adSets[0]!.targeting).toMatchObject({ ageMin: 25, ageMax: 45 });
    expect(draftPlanFromBrief(brief, { pick }).adSets[0]!.targeting).toMatchObject({ ageMin: 25, ageMax: 54 });
    const impossible = { ...brief, targetAudience: "Teens 13 to 17" };
    expect(draftPlanFromBrief(impossible, { pick }).adSets[0]!.targeting).toMatchObject({ ageMin: 25, ageMax: 54 });
  });

  it("applies an age range from the change request, and the rules still judge it", () => {
    expect(draftPlanFromBrief(brief, { pick, feedback: "Target 30-50 please" }).adSets[0]!.targeting).toMatchObject({ ageMin: 30, ageMax: 50 });
    const tooYoung = draftPlanFromBrief(brief, { pick, feedback: "ages 16-70" });
    expect(checkPlanRules(tooYoung, brief).map((v) => v.path)).toEqual(["adSets.0.targeting.ageMin", "adSets.0.targeting.ageMax"]);
  });
});

describe("projections and approval card", () => {
  it("computes ranges from the budget alone, low end below high end, with the honesty note", () => {
    const p = projectResults({ dailyBudgetCents: 2_000, goal: "LEADS" });
    expect(p.spendCents).toBe(60_000);
    // $600 at $25 CPM = 24,000 impressions; at $9 = 66,666.
    expect(p.impressions).toEqual({ low: 24_000, high: 66_666 });
    expect(p.clicks).toEqual({ low: 144, high: 999 });
    expect(p.results).toEqual({ low: 2, high: 79 });
    expect(p.note).toMatch(/not a guarantee/);
  });

  it("shows objective, targeting summary, ad copy and a budget breakdown", () => {
    const card = buildApprovalCard({ campaignId: "c1", version: 2, plan: validPlan(), brief });
    expect(card).toMatchObject({
      campaignId: "c1",
      version: 2,
      objective: "OUTCOME_LEADS",
      targeting: [{ adSetName: "Parents 25-45", summary: "People aged 25–45 in US, interested in Baking" }],
      ads: [{ headline: "Fresh bread, 8am", cta: "SIGN_UP" }],
      budget: { dailyCents: 2_000, perAdSetDailyCents: 2_000, monthlyEstimateCents: 60_000, briefMonthlyBudgetCents: 60_000 },
    });
  });
});
