import { describe, expect, it } from "vitest";
import { addDays } from "@/server/performance/account-timezone";
import { computeReportFigures } from "@/server/reports/figures";
import { formatReport } from "@/server/reports/format";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";

const figures = (rows = [...PREVIOUS_WEEK, ...REPORT_WEEK], currency = "USD") =>
  computeReportFigures({ rows, weekEnding: WEEK_ENDING, currency, resultLabel: "leads" });

describe("weekly report figures", () => {
  it("adds up the week and the week before exactly (hand-computed fixture)", () => {
    const f = figures();
    expect(f.weekStart).toBe("2026-11-23");
    expect(f.current).toEqual({ spendCents: 10500, reach: 1200, results: 7, conversionValueCents: 15000, costPerResultCents: 1500, roas: 15000 / 10500 });
    expect(f.previous).toEqual({ spendCents: 7000, reach: 700, results: 0, conversionValueCents: 0, costPerResultCents: null, roas: null });
    expect(f.days.map((d) => d.spendCents)).toEqual([1500, 1500, 0, 2000, 2000, 2500, 1000]);
  });

  it("formats each metric with its trend; a week without results shows 'no results', never a division by zero", () => {
    const shown = formatReport(figures()).map((m) => [m.label, m.value, m.previous, m.trend.text]);
    expect(shown).toEqual([
      ["Total spend", "$105", "$70", "up 50%"],
      ["People reached", "1,200", "700", "up 71%"],
      ["Leads", "7", "0", "nothing to compare"],
      ["Cost per lead", "$15", "no results", "nothing to compare"],
      ["Return on ad spend", "1.43x", "no sales value", "nothing to compare"],
    ]);
  });

  it("cost per result goes down as good news; the first week has nothing to compare", () => {
    // The same week a week earlier, then this week at half the spend: each lead costs half as much.
    const earlier = REPORT_WEEK.map((r) => ({ ...r, date: addDays(r.date, -7) }));
    const cheaper = formatReport(figures([...earlier, ...REPORT_WEEK.map((r) => ({ ...r, spendCents: r.spendCents / 2 }))]));
    const cpr = cheaper.find((m) => m.metric === "costPerResult")!;
    expect(cpr).toMatchObject({ value: "$7.50", previous: "$15", trend: { direction: "down", text: "down 50%" }, better: true });
    const first = formatReport(figures(REPORT_WEEK));
    expect(first.every((m) => m.previous === null && m.trend.text === "first week")).toBe(true);
  });

  it("formats amounts in the campaign's currency with Intl", () => {
    const shown = formatReport(figures(undefined, "EUR"));
    expect(shown[0]!.value).toBe("€105");
    expect(formatReport(figures(undefined, "JPY"))[3]!.value).toBe("¥15");
  });
});
