import { describe, expect, it } from "vitest";
import { summarizeTargeting } from "@/server/campaigns/approval-card";
import { draftPlanFromBrief } from "@/server/campaigns/offline-plan";
import { HEADLINE_MAX, NAME_MAX, PRIMARY_TEXT_MAX, checkPlanRules } from "@/server/campaigns/plan-rules";

const pick = <T>(xs: readonly T[]) => xs[0]!;
const brief = {
  businessDescription: "A small bakery in Porto",
  product: "A weekly sourdough bread subscription delivered to your door before breakfast",
  targetAudience: "Young families who care about good bread",
  goal: "SALES" as const,
  monthlyBudgetCents: 90_000,
  budgetCurrency: "EUR",
  location: "Porto and Lisbon, Portugal",
  uniqueSellingPoint:
    "Every loaf is fermented for 36 hours and baked overnight with organic flour from a mill in the Douro valley. We deliver before 7am, so breakfast is always fresh, and you can pause any week.",
  websiteUrl: "https://bread.example.pt",
};

/** Every word of `copy` is a whole word of one of the sources (nothing cut mid-way). */
function wholeWordsOf(copy: string, ...sources: string[]) {
  const known = new Set(sources.join(" ").toLowerCase().match(/[\p{L}\d']+/gu));
  return (copy.toLowerCase().match(/[\p{L}\d']+/gu) ?? []).filter((w) => !known.has(w));
}

describe("offline plan copy reads as a person wrote it", () => {
  const plan = draftPlanFromBrief(brief, { pick });
  const ad = plan.adSets[0]!.ads[0]!;

  it("keeps whole words within Facebook's lengths", () => {
    expect(checkPlanRules(plan, brief)).toEqual([]);
    expect(plan.name.length).toBeLessThanOrEqual(NAME_MAX);
    expect(ad.headline.length).toBeLessThanOrEqual(HEADLINE_MAX);
    expect(ad.primaryText.length).toBeLessThanOrEqual(PRIMARY_TEXT_MAX);
    for (const text of [plan.name, ad.headline, ad.primaryText]) expect(text).not.toMatch(/\p{L}…/u);
    expect(wholeWordsOf(plan.name, brief.product, brief.location, "in more sales")).toEqual([]);
    expect(wholeWordsOf(ad.headline, brief.product, "made for you")).toEqual([]);
    expect(wholeWordsOf(ad.primaryText, brief.uniqueSellingPoint)).toEqual([]);
    expect(ad.headline).toBe("Weekly sourdough bread: made for you");
    // The first whole sentence of the selling point fits; the second does not.
    expect(ad.primaryText).toBe(
      "Every loaf is fermented for 36 hours and baked overnight with organic flour from a mill in the Douro valley.",
    );
  });

  it("shows money in the brief's currency and targets the brief's places", () => {
    expect(plan.summary).toContain("€");
    expect(plan.summary).not.toContain("$");
    expect(plan.adSets[0]!.targeting).toMatchObject({
      countries: ["PT"],
      cities: [
        { name: "Porto", countryCode: "PT" },
        { name: "Lisbon", countryCode: "PT" },
      ],
    });
    expect(summarizeTargeting(plan.adSets[0]!.targeting)).toBe("People aged 25–54 in Porto (PT), Lisbon (PT), broad interests");
    expect(draftPlanFromBrief({ ...brief, location: "Deutschland" }, { pick }).adSets[0]!.targeting.countries).toEqual(["DE"]);
  });
});

describe("offline plan change requests", () => {
  const v1 = draftPlanFromBrief(brief, { pick });

  it("does not claim a change when the request changes nothing", () => {
    const v2 = draftPlanFromBrief(brief, { pick, previous: v1, feedback: "Make the pictures more fun" });
    expect(v2.summary).not.toMatch(/Changed as you asked/);
    expect(v2.summary).toMatch(/Nothing changed: I couldn't act on "Make the pictures more fun"/);
    expect(v2.adSets).toEqual(v1.adSets);
  });

  it("does not claim a change when the asked ages are the ones already planned", () => {
    const v2 = draftPlanFromBrief(brief, { pick, previous: v1, feedback: "ages 25-54 please" });
    expect(v2.summary).toMatch(/Nothing changed/);
  });

  it("says exactly what changed", () => {
    const v2 = draftPlanFromBrief(brief, { pick, previous: v1, feedback: "Only Lisbon, ages 30-50, and €15 a day" });
    expect(v2.summary).toContain("Changed as you asked: ages are now 30–50; the ads now run in Lisbon; the budget is now €15 a day.");
    expect(v2.adSets[0]!.targeting.cities).toEqual([{ key: "city:PT:Lisbon", name: "Lisbon", countryCode: "PT" }]);
    expect(v2.dailyBudgetCents).toBe(1_500);
  });
});
