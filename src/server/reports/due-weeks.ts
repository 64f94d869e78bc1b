import { and, eq, gt, isNotNull, min } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { campaignRecords, performanceSnapshots } from "@/server/db/schema";
import { accountToday } from "@/server/performance/account-clock";
import { daysBetween } from "@/server/performance/account-time";
import { addDays } from "@/server/performance/account-timezone";

export interface DueReport {
  organizationId: string;
  projectId: string;
  campaignId: string;
  week: number;
  weekEnding: string;
}

/**
 * The last complete week of a campaign whose first spending day is `start`, seen on account day
 * `today`: weeks count from the first day of spend, as monitoring's "a week completed" does, so the
 * cron and that event name the same week and share one report.
 */
export function lastCompleteWeek(start: string, today: string): { week: number; weekEnding: string } | null {
  const week = Math.floor(daysBetween(start, today) / 7);
  return week < 1 ? null : { week, weekEnding: addDays(start, 7 * week - 1) };
}

/** Every live (ACTIVE, deployed) campaign with at least one complete week, and that week. */
export async function listDueReports(deps: Pick<Deps, "db" | "services">): Promise<DueReport[]> {
  const live = await deps.db
    .select({
      organizationId: campaignRecords.organizationId,
      projectId: campaignRecords.projectId,
      campaignId: campaignRecords.id,
      adAccountId: campaignRecords.adAccountId,
      start: min(performanceSnapshots.date),
    })
    .from(campaignRecords)
    .innerJoin(
      performanceSnapshots,
      and(
        eq(performanceSnapshots.campaignId, campaignRecords.id),
        eq(performanceSnapshots.objectId, campaignRecords.fbCampaignId),
        gt(performanceSnapshots.spendCents, 0),
      ),
    )
    .where(and(eq(campaignRecords.status, "ACTIVE"), isNotNull(campaignRecords.fbCampaignId), isNotNull(campaignRecords.adAccountId)))
    .groupBy(campaignRecords.organizationId, campaignRecords.projectId, campaignRecords.id, campaignRecords.adAccountId)
    .orderBy(campaignRecords.id);
  const due: DueReport[] = [];
  for (const c of live) {
    const { date: today } = await accountToday(deps, c.adAccountId!);
    const week = c.start ? lastCompleteWeek(c.start, today) : null;
    if (week) due.push({ organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, ...week });
  }
  return due;
}
