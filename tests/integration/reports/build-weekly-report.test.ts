import { InngestTestEngine } from "@inngest/test";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performanceCampaignWeekCompleted, reportsWeeklyReportRequested } from "@/inngest/events";
import { buildWeeklyReport } from "@/inngest/functions/reports/build-weekly-report";
import { artifacts, emailOutbox, messages, notifications, weeklyReports } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { unsupportedNumbers } from "@/server/reports/summary-check";
import { templateSummary } from "@/server/reports/summary";
import type { LlmService } from "@/server/services/llm";
import { createTestDb } from "../../support/db";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { seedLiveCampaign, type LiveCampaign } from "../optimization/support";
import { seedCampaignDays } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

const weekEvent = (c: LiveCampaign) =>
  performanceCampaignWeekCompleted.create({ organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, weekEnding: WEEK_ENDING, week: 2 });

/** A live campaign whose Facebook id is its own (snapshot rows are unique per Facebook object and day). */
const seed = async (name: string) => ({ ...(await seedLiveCampaign(handle.db, name, { fbCampaignId: `cmp-${name}` })), fbCampaignId: `cmp-${name}` });

function run(event: unknown) {
  const ctx = testCtx();
  return new InngestTestEngine({ function: buildWeeklyReport, events: [event as never], transformCtx: ctx.transformCtx })
    .execute()
    .then((r) => ({ ...r, sent: ctx.sent }));
}

/** Everything a report leaves behind for one campaign, counted. */
async function traces(c: LiveCampaign) {
  const reports = await handle.db.select().from(weeklyReports).where(eq(weeklyReports.campaignId, c.campaignId));
  const cards = await handle.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, c.conversationId), sql`${messages.metadata}->>'kind' = 'weekly-report'`));
  const bells = await handle.db.select().from(notifications).where(and(eq(notifications.projectId, c.projectId), eq(notifications.type, "REPORT")));
  const mails = await handle.db.select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, c.organizationId), eq(emailOutbox.template, "weekly-report")));
  const docs = await handle.db.select().from(artifacts).where(and(eq(artifacts.projectId, c.projectId), eq(artifacts.type, "REPORT")));
  return { reports, cards, bells, mails, docs };
}

describe("build-weekly-report", () => {
  it("reports the week's figures exactly as the snapshots add up, in a card, a notification, an email and an artifact", async () => {
    const c = await seed("Rita");
    await seedCampaignDays(handle.db, c, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
    const { result, error, sent } = await run(weekEvent(c));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "reported", summarySource: "model" });

    const t = await traces(c);
    expect(t.reports).toHaveLength(1);
    const report = t.reports[0]!;
    expect(report.figures.current).toEqual({ spendCents: 10500, reach: 1200, results: 7, conversionValueCents: 15000, costPerResultCents: 1500, roas: 15000 / 10500 });
    expect(report.figures.previous).toMatchObject({ spendCents: 7000, results: 0, costPerResultCents: null });
    // The offline model is deterministic and labelled, and its summary passes the number check.
    expect(report.summary).toMatch(/^\[offline demo model\] .*\$105/);
    expect(unsupportedNumbers(report.summary, report.figures, 2)).toEqual([]);

    expect(t.cards).toHaveLength(1);
    const card = t.cards[0]!.metadata as { metrics: { value: string; previous: string | null; trend: { text: string } }[]; pdfPath: string; days: unknown[] };
    expect(card.metrics.map((m) => [m.value, m.previous, m.trend.text])).toEqual([
      ["$105", "$70", "up 50%"],
      ["1,200", "700", "up 71%"],
      ["7", "0", "nothing to compare"],
      ["$15", "no results", "nothing to compare"],
      ["1.43x", "no sales value", "nothing to compare"],
    ]);
    expect(card.days).toHaveLength(7);
    expect(card.pdfPath).toBe(`/api/reports/${report.id}/pdf`);
    expect(report.messageId).toBe(t.cards[0]!.id);
    expect(t.docs).toMatchObject([{ id: report.artifactId, title: "Weekly report: Nov 23 – Nov 29, 2026" }]);
    expect(t.bells).toMatchObject([{ userId: c.owner.userId, dedupeKey: `weekly-report:${c.campaignId}:${WEEK_ENDING}` }]);
    expect(t.mails).toMatchObject([{ to: c.owner.email, idempotencyKey: `weekly-report:${report.id}`, status: "SENT" }]);
    for (const figure of ["$105", "1,200", "$15", "1.43x", "up 50%", "up 71%"]) expect(t.mails[0]!.text).toContain(figure);
    expect(sent.flatMap((s) => [s.payload].flat() as { name: string }[]).map((e) => e.name)).toEqual(["notification/created"]);
  });

  it("a week without results says 'no results' for its cost, never a division by zero", async () => {
    const c = await seed("Nora");
    await seedCampaignDays(handle.db, c, PREVIOUS_WEEK);
    const { result } = await run(performanceCampaignWeekCompleted.create({ ...weekEvent(c).data, weekEnding: "2026-11-22", week: 1 }));
    expect(result).toMatchObject({ outcome: "reported" });
    const [report] = (await traces(c)).reports;
    expect(report!.figures.current).toMatchObject({ results: 0, costPerResultCents: null });
    expect(report!.figures.previous).toBeNull();
  });

  it("a model that states numbers not in the figures is asked once more, then replaced by the template", async () => {
    const c = await seed("Vic");
    await seedCampaignDays(handle.db, c, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
    const asked: string[] = [];
    const llm: LlmService = {
      kind: "anthropic",
      generateObject: async (req) => {
        asked.push(req.messages.at(-1)!.content);
        return { object: { summary: "You spent $999 and got 12 leads." } as never, usage: { model: "m", inputTokens: 1, outputTokens: 1, costMicroUsd: 0 } };
      },
      streamText: () => Promise.reject(new Error("not used")),
      chooseTools: () => Promise.reject(new Error("not used")),
      streamToolAnswer: () => Promise.reject(new Error("not used")),
    };
    setDeps(embeddedDeps(handle.db, { llm }));
    try {
      const { result } = await run(weekEvent(c));
      expect(result).toMatchObject({ outcome: "reported", summarySource: "template", rejected: [["$999", "12"], ["$999", "12"]] });
    } finally {
      setDeps(embeddedDeps(handle.db));
    }
    expect(asked).toHaveLength(2);
    expect(asked[1]).toContain("These numbers are not in the figures: $999, 12");
    const t = await traces(c);
    expect(t.reports[0]).toMatchObject({ summarySource: "template", summary: templateSummary(t.reports[0]!.figures) });
    expect((t.cards[0]!.metadata as { summary: string }).summary).not.toContain("999");
  });

  it("is once per campaign and week: a rerun, the cron's request for the same week and two racing runs leave one of each", async () => {
    const c = await seed("Ida");
    await seedCampaignDays(handle.db, c, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
    const cronEvent = reportsWeeklyReportRequested.create(weekEvent(c).data);
    const results = await Promise.all([run(weekEvent(c)), run(cronEvent)]);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(results.map((r) => (r.result as { outcome: string }).outcome).sort()).toEqual(["already-reported", "reported"]);
    const first = await traces(c);
    const again = await run(weekEvent(c));
    expect(again.result).toEqual({ outcome: "already-reported" });
    const after = await traces(c);
    for (const t of [first, after]) {
      expect([t.reports.length, t.cards.length, t.bells.length, t.mails.length, t.docs.length]).toEqual([1, 1, 1, 1, 1]);
    }
    expect(after.reports[0]).toEqual(first.reports[0]);
  });
});
