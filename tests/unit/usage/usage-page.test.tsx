import { MantineProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BudgetSummary } from "@/components/usage/budget-summary";
import { AdSpendTable } from "@/components/usage/ad-spend-table";
import { FeatureTable } from "@/components/usage/feature-table";
import type { BudgetState } from "@/server/usage/budget";
import { budgetLevel } from "@/server/usage/budget";

const render = (node: ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);
const state = (spent: number, budget: number | null): BudgetState => ({
  month: "2026-12",
  budgetMicroUsd: budget,
  spentMicroUsd: spent,
  percent: budget ? Math.round((spent / budget) * 1000) / 10 : null,
  state: budgetLevel(spent, budget),
});

describe("usage page parts", () => {
  it("lists the month's ad budget changes by day with their sign, and says so when there were none", () => {
    const html = render(
      <AdSpendTable rows={[{ day: "2026-12-02", feature: "optimization", deltaMicros: 12_500_000 }, { day: "2026-12-03", feature: "optimization", deltaMicros: -4_000_000 }]} />,
    );
    expect(html).toContain("2026-12-02");
    expect(html).toContain("+12.50 a day");
    expect(html).toContain("-4.00 a day");
    expect(render(<AdSpendTable rows={[]} />)).toContain("No ad budget was changed this month.");
  });

  it("the budget levels switch at exactly 80% and 100%", () => {
    expect([budgetLevel(79_999, 100_000), budgetLevel(80_000, 100_000), budgetLevel(99_999, 100_000), budgetLevel(100_000, 100_000), budgetLevel(5, null)]).toEqual([
      "ok",
      "warning",
      "warning",
      "exceeded",
      "ok",
    ]);
  });

  it("shows the spend against the budget and what each state means", () => {
    expect(render(<BudgetSummary budget={state(1_000_000, null)} />)).toContain("No budget is set");
    const ok = render(<BudgetSummary budget={state(10_000_000, 50_000_000)} />);
    expect(ok).toContain("$10.00 of $50.00");
    expect(ok).not.toContain('role="alert"');
    expect(render(<BudgetSummary budget={state(41_000_000, 50_000_000)} />)).toContain("Over 80% of this month");
    const over = render(<BudgetSummary budget={state(60_000_000, 50_000_000)} />);
    expect(over).toContain("120%");
    expect(over).toContain("Chat keeps working");
  });

  it("lists each feature and kind with its quantity and cost", () => {
    const out = render(
      <FeatureTable
        rows={[
          { feature: "creative", kind: "SANDBOX_SECONDS", quantity: 7_200, costMicroUsd: 133_920 },
          { feature: "notifications", kind: "EMAIL", quantity: 3, costMicroUsd: 1_200 },
        ]}
      />,
    );
    for (const s of ["creative", "Sandbox time", "2.0 h", "$0.13", "notifications", "3 sent", "&lt;$0.01"]) expect(out).toContain(s);
    expect(render(<FeatureTable rows={[]} />)).toContain("Nothing was used this month");
  });
});
