import { createHash } from "node:crypto";
import type { InsightsRow } from "./types";

/**
 * Deterministic, plausible delivery for one ad on one day, seeded by ad id + date: spend paces at
 * 70–98% of its budget share, CPM $4–14, CTR 0.5–3%, frequency 1.05–1.55, conversion rate 2–10%.
 */
export interface AdDay {
  adId: string;
  date: string; // YYYY-MM-DD
  budgetCents: number;
}

function seeded(adId: string, date: string): () => number {
  const digest = createHash("sha256").update(`${adId}:${date}`).digest();
  let i = 0;
  return () => digest.readUInt32LE((i++ % 8) * 4) / 0x1_0000_0000;
}

export function simulateAdDay({ adId, date, budgetCents }: AdDay): Omit<InsightsRow, "ctr"> {
  const r = seeded(adId, date);
  const spendCents = Math.floor(budgetCents * (0.7 + 0.28 * r()));
  const cpmCents = 400 + Math.floor(1000 * r());
  const impressions = Math.floor((spendCents / cpmCents) * 1000);
  const clicks = Math.round(impressions * (0.005 + 0.025 * r()));
  const reach = Math.round(impressions / (1.05 + 0.5 * r()));
  const conversions = Math.round(clicks * (0.02 + 0.08 * r()));
  return { dateStart: date, dateStop: date, spendCents, impressions, reach, clicks, conversions };
}

/** Sums ad-days into one row per date; CTR is a percentage, as Graph reports it. */
export function sumByDate(days: Omit<InsightsRow, "ctr">[]): InsightsRow[] {
  const byDate = new Map<string, Omit<InsightsRow, "ctr">>();
  for (const d of days) {
    const acc = byDate.get(d.dateStart);
    if (!acc) byDate.set(d.dateStart, { ...d });
    else {
      acc.spendCents += d.spendCents;
      acc.impressions += d.impressions;
      acc.reach += d.reach;
      acc.clicks += d.clicks;
      acc.conversions += d.conversions;
    }
  }
  return [...byDate.values()]
    .sort((a, b) => a.dateStart.localeCompare(b.dateStart))
    .map((d) => ({ ...d, ctr: d.impressions ? Math.round((d.clicks / d.impressions) * 10_000) / 100 : 0 }));
}

/** Inclusive list of YYYY-MM-DD dates from `since` to `until` (UTC). */
export function listDates(since: string, until: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${since}T00:00:00Z`); t <= Date.parse(`${until}T00:00:00Z`); t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}
