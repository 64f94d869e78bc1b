import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/server/db";
import { performanceSnapshots } from "@/server/db/schema";
import type { CampaignRecord } from "@/server/campaigns/records";
import { countLeadConversions } from "@/server/webhooks/leads-series";
import { addDays } from "./account-timezone";

export interface SeriesPoint {
  date: string;
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  ctr: number;
  frequency: number;
  conversions: number;
  conversionValueCents: number;
  costPerConversionCents: number | null;
  roas: number | null;
}

/**
 * The campaign's own snapshot rows (campaign level, as Graph reports it; not its ad sets' and ads'),
 * oldest first, optionally only the days in `range` (both ends included). None before it is deployed.
 */
export async function campaignLevelRows(
  db: Db,
  record: Pick<CampaignRecord, "id" | "organizationId" | "fbCampaignId">,
  range?: { since: string; until: string },
) {
  if (!record.fbCampaignId) return [];
  return db
    .select()
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.organizationId, record.organizationId),
        eq(performanceSnapshots.campaignId, record.id),
        eq(performanceSnapshots.objectId, record.fbCampaignId),
        range ? gte(performanceSnapshots.date, range.since) : undefined,
        range ? lte(performanceSnapshots.date, range.until) : undefined,
      ),
    )
    .orderBy(asc(performanceSnapshots.date));
}

/**
 * The campaign's own daily rows (campaign level, as Graph reports it), oldest first, at most `days` of
 * them; a lead campaign's conversions count its stored leads (see `withLeadConversions`).
 */
export async function campaignSeries(db: Db, record: Pick<CampaignRecord, "id" | "organizationId" | "fbCampaignId" | "structure">, opts: { days: number }): Promise<SeriesPoint[]> {
  const rows = await campaignLevelRows(db, record);
  const last = rows.at(-1)?.date;
  const from = last ? addDays(last, -(opts.days - 1)) : "";
  const points = rows
    .filter((r) => r.date >= from)
    .map((r) => ({
      date: r.date,
      spendCents: r.spendCents,
      impressions: r.impressions,
      reach: r.reach,
      clicks: r.clicks,
      ctr: r.ctr,
      frequency: r.frequency,
      conversions: r.conversions,
      conversionValueCents: r.conversionValueCents,
      costPerConversionCents: r.costPerConversionCents,
      roas: r.roas,
    }));
  const counted = await countLeadConversions(db, record, points);
  // A day whose leads outnumber Facebook's count costs less per result than Facebook said.
  return counted.map((p, i) => (p === points[i] ? p : { ...p, costPerConversionCents: Math.round(p.spendCents / p.conversions) }));
}
