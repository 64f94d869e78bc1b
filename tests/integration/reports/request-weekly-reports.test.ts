import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestWeeklyReports } from "@/inngest/functions/reports/request-weekly-reports";
import { campaignRecords } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { addDays, dayIn } from "@/server/performance/account-timezone";
import { lastCompleteWeek } from "@/server/reports/due-weeks";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { seedLiveCampaign } from "../optimization/support";
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

/** A campaign that has spent every day from `daysAgo` days ago through yesterday (UTC: the test account has no zone). */
async function campaignSpendingSince(name: string, daysAgo: number, status: "ACTIVE" | "PAUSED" = "ACTIVE") {
  const c = await seedLiveCampaign(handle.db, name, { fbCampaignId: `cmp-${name}` });
  const today = dayIn("UTC", new Date());
  const days = Array.from({ length: daysAgo }, (_, i) => ({ date: addDays(today, i - daysAgo), spendCents: 500, reach: 10, conversions: 1, conversionValueCents: 0 }));
  await seedCampaignDays(handle.db, { ...c, fbCampaignId: `cmp-${name}` }, days);
  if (status !== "ACTIVE") await handle.db.update(campaignRecords).set({ status }).where(eq(campaignRecords.id, c.campaignId));
  return { ...c, start: days[0]!.date };
}

describe("request-weekly-reports (cron)", () => {
  it("counts weeks from the first day of spend, like monitoring's week-completed", () => {
    expect(lastCompleteWeek("2026-11-16", "2026-11-22")).toBeNull();
    expect(lastCompleteWeek("2026-11-16", "2026-11-23")).toEqual({ week: 1, weekEnding: "2026-11-22" });
    expect(lastCompleteWeek("2026-11-16", "2026-12-06")).toEqual({ week: 2, weekEnding: "2026-11-29" });
  });

  it("asks for one report per live campaign with a complete week, for that week, with an id naming campaign and week", async () => {
    const one = await campaignSpendingSince("Wendy", 10);
    const two = await campaignSpendingSince("Walt", 20);
    await campaignSpendingSince("Paula", 20, "PAUSED");
    await campaignSpendingSince("Newt", 3);
    const { transformCtx, sent } = testCtx();
    const tick = { name: "inngest/scheduled.timer", data: { cron: "0 7 * * 1" }, ts: Date.now(), id: "tick" };
    const { result, error } = await new InngestTestEngine({ function: requestWeeklyReports, events: [tick as never], transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ campaigns: 2 });
    const events = sent.flatMap((s) => [s.payload].flat()) as { name: string; id: string; data: Record<string, unknown> }[];
    const expected = [
      { c: one, week: 1, weekEnding: addDays(one.start, 6) },
      { c: two, week: 2, weekEnding: addDays(two.start, 13) },
    ];
    expect(events.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      expected
        .map(({ c, week, weekEnding }) => ({
          name: "reports/weekly-report.requested",
          id: `weekly-report-${c.campaignId}-${weekEnding}`,
          data: { organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, week, weekEnding },
        }))
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((e) => expect.objectContaining(e)),
    );
  });
});
