import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as downloadPdf } from "@/app/api/reports/[reportId]/pdf/route";
import { performanceCampaignWeekCompleted } from "@/inngest/events";
import { buildWeeklyReport } from "@/inngest/functions/reports/build-weekly-report";
import { weeklyReports } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { buildReportCard } from "@/server/reports/card";
import { renderReportPdf } from "@/server/reports/pdf";
import { createTestDb } from "../../support/db";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld, testCtx } from "../campaigns/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";
import { seedCampaignDays } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: LiveCampaign;
let report: typeof weeklyReports.$inferSelect;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  owner = await seedLiveCampaign(handle.db, "Pia", { fbCampaignId: "cmp-pdf" });
  await seedCampaignDays(handle.db, { ...owner, fbCampaignId: "cmp-pdf" }, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
  const event = performanceCampaignWeekCompleted.create({ organizationId: owner.organizationId, projectId: owner.projectId, campaignId: owner.campaignId, weekEnding: WEEK_ENDING, week: 2 });
  const { error } = await new InngestTestEngine({ function: buildWeeklyReport, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
  expect(error).toBeUndefined();
  report = (await handle.db.select().from(weeklyReports).where(eq(weeklyReports.campaignId, owner.campaignId)))[0]!;
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function textOf(pdf: Uint8Array) {
  const parser = new PDFParse({ data: pdf });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const get = (cookie?: string, id = report.id) => downloadPdf(jsonRequest(`/api/reports/${id}/pdf`, { cookie }), { params: Promise.resolve({ reportId: id }) });

describe("weekly report PDF", () => {
  it("opens and shows the same figures, trends and summary as the card", async () => {
    const text = await textOf(await renderReportPdf({ ...report, projectName: "Corner Bakery" }));
    const card = buildReportCard(report);
    expect(text).toContain("Weekly report, week 2");
    expect(text).toContain("Nov 23 – Nov 29, 2026");
    for (const m of card.metrics) {
      expect(text).toContain(m.label);
      expect(text).toContain(m.value);
      expect(text).toContain(m.trend.text);
    }
    expect(text).toContain("no results");
    // The summary is wrapped over lines: compare it word by word.
    expect(text.replace(/\s+/g, " ")).toContain(report.summary.replace(/\s+/g, " "));
  });

  it("writes a currency the standard font cannot draw as its code instead of failing", async () => {
    const rupees = { ...report, figures: { ...report.figures, currency: "INR" } };
    const text = await textOf(await renderReportPdf({ ...rupees, projectName: "Corner Bakery" }));
    expect(text).toContain("INR 105");
  });

  it("GET /api/reports/:id/pdf: 401 signed out, 404 for another organization (or an unknown id), 200 PDF for its own", async () => {
    expect((await get()).status).toBe(401);
    const outsider = await seedWorld(handle.db, { name: "Mallory", connect: false });
    const theirs = await get(outsider.owner.cookie);
    expect(theirs.status).toBe(404);
    expect((await get(owner.owner.cookie, "no-such-report")).status).toBe(404);
    const mine = await get(owner.owner.cookie);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("application/pdf");
    expect(mine.headers.get("content-disposition")).toContain(`weekly-report-${WEEK_ENDING}.pdf`);
    const text = await textOf(new Uint8Array(await mine.arrayBuffer()));
    expect(text).toContain("$105");
    expect(text).toContain("Corner Bakery");
  });
});
