import { describe, expect, it } from "vitest";
import {
  briefToForm,
  centsToDollars,
  dollarsToCents,
  formFieldOf,
  formToBrief,
  GOAL_OPTIONS,
  mapFieldErrors,
} from "@/components/chat/brief-form";
import type { BriefFields } from "@/server/onboarding/brief-schema";

const brief: BriefFields = {
  businessDescription: "A small sourdough bakery in Austin.",
  product: "Weekly bread subscription",
  targetAudience: "Busy professionals aged 25 to 45",
  goal: "SALES",
  monthlyBudgetCents: 60_000,
  budgetCurrency: "USD",
  location: "Austin, Texas, United States",
  uniqueSellingPoint: "Baked fresh each morning with organic flour",
  websiteUrl: "https://sourdough-example.com",
};

describe("dollars ↔ cents", () => {
  it("shows cents as a plain dollar amount the input can hold", () => {
    expect(centsToDollars(60_000)).toBe("600");
    expect(centsToDollars(1_234)).toBe("12.34");
    expect(centsToDollars(1_050)).toBe("10.50");
  });

  it("reads what people type, without float rounding errors", () => {
    expect(dollarsToCents("600")).toBe(60_000);
    expect(dollarsToCents(" $1,200.5 ")).toBe(120_050);
    expect(dollarsToCents("0.29")).toBe(29);
    expect(dollarsToCents("19.99")).toBe(1_999);
  });

  it("refuses anything that is not an amount of dollars", () => {
    for (const bad of ["", "abc", "-5", "12.345", "1e3", "$"]) expect(dollarsToCents(bad)).toBeNull();
  });
});

describe("brief ↔ form", () => {
  it("round-trips a stored brief through the form unchanged", () => {
    const form = briefToForm(brief);
    expect(form.monthlyBudgetDollars).toBe("600");
    expect(formToBrief(form)).toEqual({ ok: true, brief });
  });

  it("converts an edited budget to cents", () => {
    const result = formToBrief({ ...briefToForm(brief), monthlyBudgetDollars: "900" });
    expect(result).toEqual({ ok: true, brief: { ...brief, monthlyBudgetCents: 90_000 } });
  });

  it("puts each problem next to its input, budget limits in dollars", () => {
    const result = formToBrief({ ...briefToForm(brief), monthlyBudgetDollars: "5", websiteUrl: "ftp://x", product: " " });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.monthlyBudgetDollars).toBe("must be at least $10 a month");
    expect(result.errors.websiteUrl).toBe("must be an http(s) URL");
    expect(result.errors.product).toBe("is required");
    expect(Object.keys(result.errors).sort()).toEqual(["monthlyBudgetDollars", "product", "websiteUrl"]);
  });

  it("says how to write a budget it cannot read", () => {
    const result = formToBrief({ ...briefToForm(brief), monthlyBudgetDollars: "lots" });
    expect(result).toEqual({ ok: false, errors: { monthlyBudgetDollars: "must be an amount in dollars, like 600 or 600.50" } });
  });

  it("labels every goal in plain words", () => {
    expect(GOAL_OPTIONS.map((o) => o.value)).toEqual(["LEADS", "SALES", "TRAFFIC", "APP_INSTALLS"]);
    expect(GOAL_OPTIONS.every((o) => !/_/.test(o.label))).toBe(true);
  });
});

describe("the route's 400 fields", () => {
  it("map to the form's inputs; unknown ones stay general", () => {
    expect(formFieldOf("brief.monthlyBudgetCents")).toBe("monthlyBudgetDollars");
    expect(formFieldOf("brief.location")).toBe("location");
    expect(formFieldOf("conversationId")).toBeNull();
    const mapped = mapFieldErrors([
      { field: "brief.websiteUrl", message: "must be an http(s) URL" },
      { field: "brief.monthlyBudgetCents", message: "Too big: expected number to be <=100000000" },
      { field: "conversationId", message: "Invalid input" },
    ]);
    expect(mapped.errors).toEqual({ websiteUrl: "must be an http(s) URL", monthlyBudgetDollars: "must be at most $1,000,000 a month" });
    expect(mapped.other).toEqual(["conversationId: Invalid input"]);
  });
});

describe("budget currency in the edit form", () => {
  it("keeps the brief's currency through an edit, and lets the owner change it", () => {
    const euro = { ...brief, budgetCurrency: "EUR" };
    const form = briefToForm(euro);
    expect(form.budgetCurrency).toBe("EUR");
    expect(formToBrief(form)).toMatchObject({ ok: true, brief: { budgetCurrency: "EUR", monthlyBudgetCents: euro.monthlyBudgetCents } });
    expect(formToBrief({ ...form, budgetCurrency: "GBP" })).toMatchObject({ ok: true, brief: { budgetCurrency: "GBP" } });
  });
});

