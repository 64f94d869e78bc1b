import { addDays, daysBetween } from "./account-time";
import { buildCampaignView, campaignRows, campaignStartDate, isExcludedAd, returnIsMeaningful, sumRows, type CampaignView } from "./campaign-view";
import { lowClicksWords, lowReturnWords, pacingWords, standoutWords, weekWords } from "./detection-messages";
import { monthlyBudgetLow } from "./monthly-budget";
import type { CampaignContext, Detection, SnapshotRow } from "./types";

// Under 1,000 views a click rate or a return is a handful of people: not worth an alert.
const MIN_IMPRESSIONS = 1_000;
const MIDDAY_HOUR = 12;

/** Return under 1.5× over the last 3 days, on at least one day's budget of spend and 1,000 views. */
function lowReturn(view: CampaignView, rows: SnapshotRow[]): Detection | null {
  const t = sumRows(rows, view.window);
  if (view.dailyBudgetCents <= 0 || t.spendCents < view.dailyBudgetCents || t.impressions < MIN_IMPRESSIONS) return null;
  if (2 * t.valueCents >= 3 * t.spendCents || !returnIsMeaningful(view)) return null;
  return { condition: "LOW_ROAS", day: view.snapshotDate, ...lowReturnWords(t, view.campaign.currency), details: { window: view.window, ...t } };
}

/** Click rate under 0.5% over the last 3 days, on at least 1,000 views. */
function lowClicks(view: CampaignView, rows: SnapshotRow[]): Detection | null {
  const t = sumRows(rows, view.window);
  if (t.impressions < MIN_IMPRESSIONS || t.clicks * 200 >= t.impressions) return null;
  return { condition: "LOW_CTR", day: view.snapshotDate, ...lowClicksWords(t), details: { window: view.window, ...t } };
}

/** 80% of the daily budget gone before noon in the account's zone: today's row only. */
function earlyPacing(view: CampaignView, rows: SnapshotRow[]): Detection | null {
  if (view.snapshotDate !== view.today || view.hour >= MIDDAY_HOUR || view.dailyBudgetCents <= 0) return null;
  const spend = sumRows(rows, [view.today]).spendCents;
  if (5 * spend < 4 * view.dailyBudgetCents) return null;
  const words = pacingWords({ spendCents: spend, budgetCents: view.dailyBudgetCents, currency: view.campaign.currency, hour: view.hour, minute: view.minute });
  return { condition: "BUDGET_PACING", day: view.today, ...words, details: { spendCents: spend, dailyBudgetCents: view.dailyBudgetCents, hour: view.hour, minute: view.minute } };
}

/** One ad's click rate above twice the campaign's, over the last 3 days; needs 2 ads with views and 1,000 views on that ad. */
function standoutAd(view: CampaignView, rows: SnapshotRow[]): Detection | null {
  const campaign = sumRows(rows, view.window);
  const ads = view.ads.map((ad) => ({ ad, t: sumRows(ad.rows, view.window) })).filter(({ t }) => t.impressions > 0);
  if (ads.length < 2 || campaign.clicks <= 0 || campaign.impressions <= 0) return null;
  // "We keep it running" would be untrue of an ad Facebook turned down or a person turned off.
  const best = ads
    .filter(({ ad }) => !isExcludedAd(view, ad))
    .filter(({ t }) => t.impressions >= MIN_IMPRESSIONS && t.clicks * campaign.impressions > 2 * campaign.clicks * t.impressions)
    .sort((x, y) => y.t.clicks * x.t.impressions - x.t.clicks * y.t.impressions || x.ad.id.localeCompare(y.ad.id))[0];
  if (!best) return null;
  return {
    condition: "STANDOUT_AD",
    day: view.snapshotDate,
    objectId: best.ad.id,
    ...standoutWords({ ad: best.t, campaign }),
    details: { window: view.window, ad: best.t, campaign },
  };
}

/** The latest full week since the first day of spend: week k completes on start + 7k. */
function weekCompleted(view: CampaignView, rows: SnapshotRow[]): Detection | null {
  const start = campaignStartDate(view);
  if (!start) return null;
  const week = Math.floor(daysBetween(start, view.snapshotDate) / 7);
  if (week < 1) return null;
  const day = addDays(start, 7 * week);
  const weekEnding = addDays(day, -1);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekEnding, i - 6));
  const t = sumRows(rows, days);
  return { condition: "WEEK_COMPLETED", day, ...weekWords({ week, t, currency: view.campaign.currency }), details: { week, weekEnding, startDate: start, ...t } };
}

/**
 * What changed enough to tell the owner about. Pure: `now` is the ad account's clock. Each condition
 * has its own data-sufficiency guard, and each detection names the account day it is about, which is
 * what makes it once a day (the alert table is unique per campaign, condition and day).
 */
export function detectSignificantChanges(input: {
  campaign: CampaignContext;
  snapshots: SnapshotRow[];
  previous: SnapshotRow[];
  now: Date;
}): Detection[] {
  const view = buildCampaignView(input);
  if (!view) return [];
  const rows = campaignRows(view);
  return [lowReturn, lowClicks, earlyPacing, monthlyBudgetLow, standoutAd, weekCompleted]
    .map((detect) => detect(view, rows))
    .filter((d): d is Detection => d !== null);
}
