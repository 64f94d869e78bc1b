import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WeeklyReportCard } from "@/components/reports/report-card";
import { parseReportCard, trendMark } from "@/components/reports/report-card-data";
import { buildReportCard } from "@/server/reports/card";
import { computeReportFigures } from "@/server/reports/figures";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";

const figures = computeReportFigures({ rows: [...PREVIOUS_WEEK, ...REPORT_WEEK], weekEnding: WEEK_ENDING, currency: "USD", resultLabel: "leads" });
const stored = { ...buildReportCard({ id: "r1", campaignId: "c1", week: 2, figures, summary: "A good week." }) } as Record<string, unknown>;

describe("weekly report card", () => {
  it("reads the card back from message metadata, and refuses what is not one", () => {
    expect(parseReportCard(stored)).toEqual(stored);
    expect(parseReportCard({ ...stored, kind: "performance-alert" })).toBeNull();
    expect(parseReportCard({ ...stored, metrics: [{ label: "Spend" }] })).toBeNull();
    expect(parseReportCard(null)).toBeNull();
  });

  it("cost per result falling is good news (green), spend rising is shown up", () => {
    const card = parseReportCard(stored)!;
    expect(trendMark(card.metrics[0]!)).toEqual({ arrow: "▲", color: "teal.8" });
    expect(trendMark({ trend: { direction: "down", percent: -10, text: "down 10%" }, better: true })).toEqual({ arrow: "▼", color: "teal.8" });
    expect(trendMark(card.metrics[3]!)).toEqual({ arrow: "–", color: "dimmed" });
  });

  it("renders every figure with its trend, the summary and the PDF link", () => {
    const out = renderToStaticMarkup(
      <MantineProvider>
        <WeeklyReportCard card={parseReportCard(stored)!} />
      </MantineProvider>,
    );
    for (const s of ["Week 2: Nov 23 – Nov 29, 2026", "A good week.", "$105", "1,200", "Cost per lead", "$15", "1.43x", "▲ up 50%", "/api/reports/r1/pdf"]) {
      expect(out).toContain(s);
    }
  });
});
