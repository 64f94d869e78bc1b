import { describe, expect, it } from "vitest";
import { mergeDraft, type ReplyContext } from "@/server/onboarding/reply";

// The real (Anthropic) path: whatever the model extracts passes through the same plain-code check.
const known = { businessDescription: "Candles", monthlyBudgetCents: 60_000, budgetCurrency: "EUR" };
const context = (lastUserMessage: string, budgetCheck = {}): ReplyContext => ({
  active: true,
  turns: [{ role: "user", content: lastUserMessage }],
  briefSoFar: known,
  budgetCheck,
});
const modelDraft = (monthlyBudgetCents: number) => ({ ...known, monthlyBudgetCents, missing: [], readyToConfirm: false });

describe("budget changes extracted by a model", () => {
  it("holds a ×500 jump for an explicit yes, stated in the brief's currency", () => {
    const merged = mergeDraft(context("approve it with 10000 a day"), modelDraft(30_000_000));
    expect(merged.draft.monthlyBudgetCents).toBe(60_000);
    expect(merged.budgetQuestion).toContain("You said €20 a day (€600 a month) earlier. Set the budget to €10,000 a day (€300,000 a month) instead?");
    const confirmed = mergeDraft(context("yes", merged.budgetCheck), modelDraft(30_000_000));
    expect(confirmed.draft.monthlyBudgetCents).toBe(30_000_000);
    expect(confirmed.budgetQuestion).toBeUndefined();
  });

  it("asks about a cut to a third or less too, and lets ×2 through", () => {
    expect(mergeDraft(context("5 a day"), modelDraft(15_000)).budgetQuestion).toMatch(/4\.0 times less/);
    expect(mergeDraft(context("40 a day"), modelDraft(120_000)).draft.monthlyBudgetCents).toBe(120_000);
  });
});
