import { createHash } from "node:crypto";
import type { InsightsRow } from "./types";

/**
 * Deterministic, plausible delivery for one ad, seeded by ad id (its lasting traits) and ad id +
 * date (the day's noise). Spend paces at 92–99% of the ad's budget share; CPM $6–12; CTR 1–2.6%
 * (a weak ad: 0.18–0.23%) decaying slowly with days since the ad started; frequency 1.1 rising
 * ~0.07 a day; return on spend 4.1–4.7× (a weak ad: 1.1–1.4×). Clicks and conversions are whole
 * numbers whose running totals follow the expected rates (the fractions carry to the next day),
 * so even a small ad's cumulative CTR is what its rate says.
 */

export type AdDayRow = Omit<InsightsRow, "ctr" | "frequency"> & { conversionValueCents: number };

export interface AdDayInput {
  adId: string;
  date: string; // YYYY-MM-DD, account day
  /** Days since the ad first delivered (0 on its first day). */
  dayIndex: number;
  budgetCents: number;
  weak: boolean;
  /** Share of the day that has elapsed: 1 for past days, less for today. */
  fraction: number;
}

/** Fractions of clicks and conversions not yet delivered, carried from day to day. */
export interface Carry {
  clicks: number;
  conversions: number;
}

export const newCarry = (): Carry => ({ clicks: 0.5, conversions: 0.5 });

function seeded(key: string): () => number {
  const digest = createHash("sha256").update(key).digest();
  let i = 0;
  return () => digest.readUInt32LE((i++ % 8) * 4) / 0x1_0000_0000;
}

export function simulateAdDay(input: AdDayInput, carry: Carry): AdDayRow {
  const trait = seeded(input.adId);
  const baseCpm = 600 + 600 * trait();
  const baseCtr = input.weak ? 0.18 + 0.05 * trait() : 1 + 1.6 * trait();
  const baseCvr = input.weak ? 0.02 + 0.02 * trait() : 0.04 + 0.06 * trait();
  const day = seeded(`${input.adId}:${input.date}`);

  const fullSpend = Math.floor(input.budgetCents * (0.92 + 0.07 * day()));
  const spendCents = Math.floor(fullSpend * input.fraction);
  const cpmCents = baseCpm * (0.9 + 0.2 * day());
  const impressions = Math.floor((spendCents / cpmCents) * 1000);
  const frequency = 1.1 + 0.07 * input.dayIndex + 0.1 * day();
  const reach = impressions ? Math.max(1, Math.min(impressions, Math.round(impressions / frequency))) : 0;
  const ctrPercent = baseCtr * (0.9 + 0.2 * day()) * Math.exp(-0.012 * input.dayIndex);
  const expectedClicks = (impressions * ctrPercent) / 100;
  const roas = input.weak ? 1.1 + 0.3 * day() : 4.1 + 0.6 * day();

  carry.clicks += expectedClicks;
  const clicks = Math.min(impressions, Math.floor(carry.clicks));
  carry.clicks -= clicks;
  carry.conversions += expectedClicks * baseCvr * (0.8 + 0.4 * day());
  const conversions = Math.min(clicks, Math.floor(carry.conversions));
  carry.conversions -= conversions;

  return {
    dateStart: input.date,
    dateStop: input.date,
    spendCents,
    impressions,
    reach,
    clicks,
    conversions,
    conversionValueCents: Math.round(spendCents * roas),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Sums ad-days into one row per date; CTR is a percentage and frequency impressions per person, as Graph reports them. */
export function sumByDate(days: AdDayRow[]): InsightsRow[] {
  const byDate = new Map<string, AdDayRow>();
  for (const d of days) {
    const acc = byDate.get(d.dateStart);
    if (!acc) byDate.set(d.dateStart, { ...d });
    else {
      acc.spendCents += d.spendCents;
      acc.impressions += d.impressions;
      acc.reach += d.reach;
      acc.clicks += d.clicks;
      acc.conversions += d.conversions;
      acc.conversionValueCents += d.conversionValueCents;
    }
  }
  return [...byDate.values()]
    .sort((a, b) => a.dateStart.localeCompare(b.dateStart))
    .map((d) => ({
      ...d,
      ctr: d.impressions ? round2((d.clicks / d.impressions) * 100) : 0,
      frequency: d.reach ? round2(d.impressions / d.reach) : 0,
    }));
}

/** Inclusive list of YYYY-MM-DD dates from `since` to `until` (calendar days). */
export function listDates(since: string, until: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${since}T00:00:00Z`); t <= Date.parse(`${until}T00:00:00Z`); t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
