import type { SnapshotObjectType } from "@/server/db/schema/performance";
import { accountTime, completeDays, daysBetween } from "./account-time";
import type { CampaignContext, SnapshotRow } from "./types";

/** One Facebook object: its rows oldest first and its state as last pulled. */
export interface ObjectState {
  id: string;
  type: SnapshotObjectType;
  parentId: string | null;
  rows: SnapshotRow[];
  latest: SnapshotRow;
}

export interface Totals {
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  conversions: number;
  valueCents: number;
  /** Distinct days with a row. */
  days: number;
}

/** The campaign's numbers arranged the way detection and the rules read them. */
export interface CampaignView {
  campaign: CampaignContext;
  snapshotDate: string;
  /** The account's day and wall clock at `now`. */
  today: string;
  hour: number;
  minute: number;
  /** The last 3 complete days (see `completeDays`). */
  window: string[];
  campaignObject: ObjectState | null;
  adSets: ObjectState[];
  ads: ObjectState[];
  byId: Map<string, ObjectState>;
  /** What percentages and pacing are measured against: the context's total, else the ad sets' budgets summed. */
  dailyBudgetCents: number;
  excludedAdIds: Set<string>;
  heldObjectIds: Set<string>;
}

export function sumRows(rows: SnapshotRow[], days?: string[]): Totals {
  const t: Totals = { spendCents: 0, impressions: 0, reach: 0, clicks: 0, conversions: 0, valueCents: 0, days: 0 };
  const seen = new Set<string>();
  for (const r of rows) {
    if (days && !days.includes(r.date)) continue;
    t.spendCents += r.spendCents;
    t.impressions += r.impressions;
    t.reach += r.reach;
    t.clicks += r.clicks;
    t.conversions += r.conversions;
    t.valueCents += r.conversionValueCents;
    seen.add(r.date);
  }
  t.days = seen.size;
  return t;
}

/** One row per object and day: a row of the latest pull wins over an older one of the same day. */
function dedupe(rows: SnapshotRow[]): SnapshotRow[] {
  const byKey = new Map<string, SnapshotRow>();
  for (const r of rows) {
    const key = `${r.objectId}|${r.date}`;
    const seen = byKey.get(key);
    if (!seen || new Date(r.pulledAt).getTime() >= new Date(seen.pulledAt).getTime()) byKey.set(key, r);
  }
  return [...byKey.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function isActive(o: ObjectState): boolean {
  return o.latest.objectStatus === "ACTIVE";
}

// Facebook's review holds these back: not shown, so their numbers say nothing about the ad.
const REVIEW_BLOCKED = new Set(["DISAPPROVED", "WITH_ISSUES"]);

/** A person turned this object off outside Aigency, or the ad set or campaign above it. */
export function isHeld(view: CampaignView, id: string): boolean {
  // An ad, its ad set, its campaign: three levels at most.
  let current: string | null = id;
  for (let level = 0; current && level < 3; level++) {
    if (view.heldObjectIds.has(current)) return true;
    current = view.byId.get(current)?.parentId ?? null;
  }
  return false;
}

/** An ad a person paused or Facebook disapproved: the agency neither counts on it nor turns it on. */
export function isExcludedAd(view: CampaignView, ad: ObjectState): boolean {
  return view.excludedAdIds.has(ad.id) || REVIEW_BLOCKED.has(ad.latest.effectiveStatus ?? "") || isHeld(view, ad.id);
}

/** Null when there is nothing to judge: no rows of the snapshot's day. */
export function buildCampaignView(input: {
  campaign: CampaignContext;
  snapshots: SnapshotRow[];
  previous: SnapshotRow[];
  now: Date;
}): CampaignView | null {
  const snapshotDate = input.snapshots.reduce<string | null>((max, r) => (max === null || r.date > max ? r.date : max), null);
  if (!snapshotDate) return null;
  const rows = dedupe([...input.previous, ...input.snapshots].filter((r) => r.date <= snapshotDate));
  const byId = new Map<string, ObjectState>();
  for (const r of rows) {
    const o = byId.get(r.objectId);
    if (o) {
      o.rows.push(r);
      o.latest = r;
    } else byId.set(r.objectId, { id: r.objectId, type: r.objectType, parentId: r.parentObjectId, rows: [r], latest: r });
  }
  const all = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const campaigns = all.filter((o) => o.type === "campaign");
  const campaignObject = campaigns.find((o) => o.id === input.campaign.fbCampaignId) ?? campaigns[0] ?? null;
  const adSets = all.filter((o) => o.type === "adset" && (!campaignObject || o.parentId === campaignObject.id));
  const adSetIds = new Set(adSets.map((a) => a.id));
  const ads = all.filter((o) => o.type === "ad" && o.parentId !== null && adSetIds.has(o.parentId));
  const clock = accountTime(input.now, input.campaign.timezone);
  const budgets = adSets.filter(isActive).reduce((s, a) => s + (a.latest.dailyBudgetCents ?? 0), 0);
  return {
    campaign: input.campaign,
    snapshotDate,
    today: clock.day,
    hour: clock.hour,
    minute: clock.minute,
    window: completeDays({ snapshotDate, today: clock.day }),
    campaignObject,
    adSets,
    ads,
    byId,
    dailyBudgetCents: input.campaign.totalDailyBudgetCents > 0 ? input.campaign.totalDailyBudgetCents : budgets,
    excludedAdIds: new Set(input.campaign.excludedAdIds ?? []),
    heldObjectIds: new Set(input.campaign.heldObjectIds ?? []),
  };
}

/** The campaign's own rows, or its ad sets' rows when the campaign-level row is missing. */
export function campaignRows(view: CampaignView): SnapshotRow[] {
  return view.campaignObject ? view.campaignObject.rows : view.adSets.flatMap((a) => a.rows);
}

/**
 * Whether a return on spend means anything here: the campaign reported some sale value, or it got no
 * results at all (nothing back is then the truth). A lead campaign counts sign-ups without a value;
 * its "return" of zero says nothing about how it does.
 */
export function returnIsMeaningful(view: CampaignView): boolean {
  const rows = campaignRows(view);
  return rows.some((r) => r.conversionValueCents > 0) || rows.every((r) => r.conversions === 0);
}

// How far back the loader reads by default (`loadCampaignPerformance`, days = 14).
const LOADED_DAYS = 14;

/**
 * The first day the campaign spent: where weeks are counted from. The context's `startDate` when the
 * loader knows it, else the earliest spending row. Rows reach back only so far: when spending starts
 * on the very first loaded day and that day is as far back as the loader reads, the real start may
 * lie before it, and counting weeks from it would announce a "new" week every day. Null then.
 */
export function campaignStartDate(view: CampaignView): string | null {
  if (view.campaign.startDate) return view.campaign.startDate;
  const rows = campaignRows(view);
  const spending = rows.filter((r) => r.spendCents > 0).map((r) => r.date).sort();
  const start = spending[0];
  if (!start) return null;
  const firstLoaded = rows.map((r) => r.date).sort()[0]!;
  if (start === firstLoaded && daysBetween(start, view.snapshotDate) >= LOADED_DAYS) return null;
  return start;
}
