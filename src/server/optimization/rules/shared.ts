import { isActive, isExcludedAd, sumRows, type CampaignView, type ObjectState, type Totals } from "@/server/performance/campaign-view";
import type { ProposedAction } from "../types";

// Below 1,000 views a click rate is noise: 2 clicks more or less would flip the verdict.
export const MIN_IMPRESSIONS = 1_000;
/** Whole units of the currency, in hundredths: budgets move in steps the owner can read ($5, not $5.37). */
export const UNIT_CENTS = 100;

/** Fills in what every proposal derives the same way: the snapshot day and the idempotency key. */
export function proposal(view: CampaignView, p: Omit<ProposedAction, "snapshotDate" | "idempotencyKey">): ProposedAction {
  return { ...p, snapshotDate: view.snapshotDate, idempotencyKey: `${p.rule}:${p.objectId}:${view.snapshotDate}` };
}

/** Click rate under 0.3% on at least 1,000 views, in whole numbers (clicks / views < 3 / 1,000). */
export function isLowClickRate(t: Pick<Totals, "clicks" | "impressions">): boolean {
  return t.impressions >= MIN_IMPRESSIONS && t.clicks * 1000 < 3 * t.impressions;
}

/** The ad's click rate over every row we have of it. */
export function lifetimeTotals(o: ObjectState): Totals {
  return sumRows(o.rows);
}

/** Ads of an ad set that deliver: ACTIVE and neither paused by a person nor disapproved. */
export function deliveringAds(view: CampaignView, adSetId: string): ObjectState[] {
  return view.ads.filter((a) => a.parentId === adSetId && isActive(a) && !isExcludedAd(view, a));
}

export function campaignObjectId(view: CampaignView): string {
  return view.campaignObject?.id ?? view.campaign.fbCampaignId;
}

/** Average spend per day over the days the object has rows in the window. */
export function dailySpend(o: ObjectState, days: string[]): number {
  const t = sumRows(o.rows, days);
  return t.days > 0 ? Math.round(t.spendCents / t.days) : 0;
}
