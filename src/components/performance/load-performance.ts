import { and, asc, eq, max } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, performanceSnapshots, simulatedClocks } from "@/server/db/schema";
import { countLeadConversions } from "@/server/webhooks/leads-series";
import { toDailySeries, type DailyPoint } from "./series";

const DAY_MS = 86_400_000;

export interface PerformanceView {
  currency: string;
  points: DailyPoint[];
  /** When the newest numbers were pulled from Facebook (null before the first pull). */
  lastPulledAt: Date | null;
  /** How many days the simulated account's clock runs ahead (0 for real accounts and an unmoved clock). */
  simulatedOffsetDays: number;
}

/**
 * The campaign's daily campaign-level numbers for its page. Scoped to the viewer's organization:
 * another organization's campaign reads as absent (null), like a missing one.
 */
export async function loadPerformanceView(db: Db, opts: { organizationId: string; campaignId: string }): Promise<PerformanceView | null> {
  const [campaign] = await db
    .select({ currency: campaignRecords.currency, adAccountId: campaignRecords.adAccountId, structure: campaignRecords.structure })
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.id, opts.campaignId)));
  if (!campaign) return null;
  const scope = and(
    eq(performanceSnapshots.organizationId, opts.organizationId),
    eq(performanceSnapshots.campaignId, opts.campaignId),
    eq(performanceSnapshots.objectType, "campaign"),
  );
  const rows = await db
    .select({
      date: performanceSnapshots.date,
      spendCents: performanceSnapshots.spendCents,
      impressions: performanceSnapshots.impressions,
      clicks: performanceSnapshots.clicks,
      conversions: performanceSnapshots.conversions,
      conversionValueCents: performanceSnapshots.conversionValueCents,
    })
    .from(performanceSnapshots)
    .where(scope)
    .orderBy(asc(performanceSnapshots.date));
  const [pulled] = await db.select({ at: max(performanceSnapshots.pulledAt) }).from(performanceSnapshots).where(scope);
  return {
    currency: campaign.currency,
    points: await countLeadConversions(db, { id: opts.campaignId, organizationId: opts.organizationId, structure: campaign.structure }, toDailySeries(rows)),
    lastPulledAt: pulled?.at ? new Date(pulled.at) : null,
    simulatedOffsetDays: campaign.adAccountId ? await simulatedOffsetDays(db, campaign.adAccountId) : 0,
  };
}

// The clock row is keyed by ad account id only; the caller reached it through its own campaign.
async function simulatedOffsetDays(db: Db, adAccountId: string): Promise<number> {
  const [clock] = await db.select({ offsetMs: simulatedClocks.offsetMs }).from(simulatedClocks).where(eq(simulatedClocks.adAccountId, adAccountId));
  return clock ? Math.round((clock.offsetMs / DAY_MS) * 10) / 10 : 0;
}
