import type { Db } from "@/server/db";
import type { CampaignRecord } from "@/server/campaigns/records";
import { campaignSeries } from "@/server/performance/series";

export interface WeekFigures {
  days: number;
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  conversions: number;
  conversionValueCents: number;
  /** Percent of views that became a click; null without views. */
  ctr: number | null;
  cpcCents: number | null;
  cpmCents: number | null;
  costPerResultCents: number | null;
  /** Money back per unit spent; null without spend or without a value reported. */
  roas: number | null;
  /** Average views per person (daily average: reach does not add up across days). */
  frequency: number | null;
}

/** The campaign's last 7 stored days (campaign level), summed; null when nothing is stored yet. */
export async function lastWeekFigures(db: Db, record: CampaignRecord): Promise<WeekFigures | null> {
  const points = await campaignSeries(db, record, { days: 7 });
  if (points.length === 0) return null;
  const sum = (f: (p: (typeof points)[number]) => number) => points.reduce((s, p) => s + f(p), 0);
  const spendCents = sum((p) => p.spendCents);
  const impressions = sum((p) => p.impressions);
  const clicks = sum((p) => p.clicks);
  const conversions = sum((p) => p.conversions);
  const conversionValueCents = sum((p) => p.conversionValueCents);
  const frequencies = points.filter((p) => p.frequency > 0).map((p) => p.frequency);
  return {
    days: points.length,
    spendCents,
    impressions,
    reach: Math.max(...points.map((p) => p.reach)),
    clicks,
    conversions,
    conversionValueCents,
    ctr: impressions > 0 ? (clicks / impressions) * 100 : null,
    cpcCents: clicks > 0 ? spendCents / clicks : null,
    cpmCents: impressions > 0 ? (spendCents / impressions) * 1000 : null,
    costPerResultCents: conversions > 0 ? spendCents / conversions : null,
    roas: spendCents > 0 && conversionValueCents > 0 ? conversionValueCents / spendCents : null,
    frequency: frequencies.length ? frequencies.reduce((a, b) => a + b, 0) / frequencies.length : null,
  };
}
