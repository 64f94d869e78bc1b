import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, performanceSnapshots } from "@/server/db/schema";
import { convertCents } from "@/server/campaigns/currency";
import type { CampaignRecord } from "@/server/campaigns/records";
import { getLatestBrief } from "@/server/onboarding/briefs";
import type { MonthToDate } from "./types";

/**
 * The project's spend this month next to the brief's monthly budget, in the campaign's currency: every
 * campaign of the project counts (a replaced version spent this month's money too), from its
 * campaign-level rows only (ad sets and ads would count the same money again). Undefined when there is
 * no brief or an amount has no exchange rate: "running low" is then not guessed.
 */
export async function loadMonthToDate(db: Db, opts: { record: CampaignRecord; date: string }): Promise<MonthToDate | undefined> {
  const { record } = opts;
  const brief = await getLatestBrief(db, { organizationId: record.organizationId, projectId: record.projectId });
  if (!brief) return undefined;
  const monthlyBudgetCents = convertCents({ cents: brief.monthlyBudgetCents, from: brief.budgetCurrency, to: record.currency });
  if (monthlyBudgetCents === null) return undefined;
  const campaigns = await db
    .select({ id: campaignRecords.id, currency: campaignRecords.currency })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, record.organizationId), eq(campaignRecords.projectId, record.projectId)));
  const currencyOf = new Map(campaigns.map((c) => [c.id, c.currency]));
  const rows = await db
    .select({ campaignId: performanceSnapshots.campaignId, date: performanceSnapshots.date, spendCents: performanceSnapshots.spendCents })
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.organizationId, record.organizationId),
        inArray(performanceSnapshots.campaignId, [...currencyOf.keys()]),
        eq(performanceSnapshots.objectType, "campaign"),
        gte(performanceSnapshots.date, `${opts.date.slice(0, 7)}-01`),
        lte(performanceSnapshots.date, opts.date),
      ),
    );
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const cents = convertCents({ cents: r.spendCents, from: currencyOf.get(r.campaignId) ?? record.currency, to: record.currency });
    if (cents === null) return undefined;
    byDay.set(r.date, (byDay.get(r.date) ?? 0) + cents);
  }
  return { monthlyBudgetCents, dailySpend: [...byDay].map(([date, spendCents]) => ({ date, spendCents })).sort((a, b) => a.date.localeCompare(b.date)) };
}
