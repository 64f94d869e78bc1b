import { and, desc, eq } from "drizzle-orm";
import { campaignRecords, performanceSnapshots } from "@/server/db/schema";
import { briefFieldsOf, getLatestBrief } from "@/server/onboarding/briefs";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import type { AgentDeps } from "./types";

/**
 * The read-only tools every agent may use: the project's brief, its campaigns and their daily
 * campaign-level snapshots. Only selects: an agent reads the project, it never edits it.
 */
export async function readBrief(deps: AgentDeps, scope: { organizationId: string; projectId: string }): Promise<BriefFields | null> {
  const brief = await getLatestBrief(deps.db, scope);
  return brief ? briefFieldsOf(brief) : null;
}

export async function readCampaigns(deps: AgentDeps, scope: { organizationId: string; projectId: string }) {
  return deps.db
    .select({
      id: campaignRecords.id,
      status: campaignRecords.status,
      name: campaignRecords.structure,
      fbCampaignId: campaignRecords.fbCampaignId,
      adAccountId: campaignRecords.adAccountId,
      currency: campaignRecords.currency,
      projectId: campaignRecords.projectId,
    })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, scope.organizationId), eq(campaignRecords.projectId, scope.projectId)))
    .orderBy(desc(campaignRecords.createdAt));
}

export type ProjectCampaign = Awaited<ReturnType<typeof readCampaigns>>[number];

/** The campaign-level rows of the latest `days` account days that have one, oldest first. */
export async function readCampaignSnapshots(deps: AgentDeps, scope: { organizationId: string; campaignId: string; days: number }) {
  const rows = await deps.db
    .select({
      date: performanceSnapshots.date,
      spendCents: performanceSnapshots.spendCents,
      impressions: performanceSnapshots.impressions,
      clicks: performanceSnapshots.clicks,
      conversions: performanceSnapshots.conversions,
      frequency: performanceSnapshots.frequency,
    })
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.organizationId, scope.organizationId),
        eq(performanceSnapshots.campaignId, scope.campaignId),
        eq(performanceSnapshots.objectType, "campaign"),
      ),
    )
    .orderBy(desc(performanceSnapshots.date))
    .limit(scope.days);
  return rows.reverse();
}

export type DailyRow = Awaited<ReturnType<typeof readCampaignSnapshots>>[number];

/** The name a campaign goes by in an artifact: its plan's name, else its id. */
export const campaignName = (c: Pick<ProjectCampaign, "id" | "name">) => (c.name as { name?: string } | null)?.name ?? c.id;
