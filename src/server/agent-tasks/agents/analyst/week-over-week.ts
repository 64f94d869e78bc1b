import type { DailyRow } from "../project-reads";

export interface WeekTotals {
  from: string;
  to: string;
  days: number;
  spendCents: number;
  impressions: number;
  clicks: number;
  leads: number;
  /** null when there were no leads (a cost per nothing is not a number). */
  costPerLeadCents: number | null;
  ctrPercent: number | null;
  cpmCents: number | null;
  clickToLeadPercent: number | null;
  frequency: number | null;
}

export interface WeekOverWeek {
  thisWeek: WeekTotals;
  lastWeek: WeekTotals | null;
  /** Percent change this week vs last, per metric; null where either side has no value. */
  change: Partial<Record<"spendCents" | "leads" | "costPerLeadCents" | "ctrPercent" | "cpmCents" | "clickToLeadPercent" | "frequency", number | null>>;
}

const ratio = (a: number, b: number, scale: number) => (b > 0 ? Math.round((a / b) * scale * 100) / 100 : null);

export function totalsOf(rows: DailyRow[]): WeekTotals {
  const sum = (pick: (r: DailyRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const spendCents = sum((r) => r.spendCents);
  const impressions = sum((r) => r.impressions);
  const clicks = sum((r) => r.clicks);
  const leads = sum((r) => r.conversions);
  return {
    from: rows[0]!.date,
    to: rows[rows.length - 1]!.date,
    days: rows.length,
    spendCents,
    impressions,
    clicks,
    leads,
    costPerLeadCents: leads > 0 ? Math.round(spendCents / leads) : null,
    ctrPercent: ratio(clicks, impressions, 100),
    cpmCents: ratio(spendCents, impressions, 1000),
    clickToLeadPercent: ratio(leads, clicks, 100),
    frequency: rows.length ? Math.round((sum((r) => r.frequency) / rows.length) * 100) / 100 : null,
  };
}

const percentChange = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;

/** The latest 7 account days against the 7 before them (fewer when the campaign is younger). */
export function weekOverWeek(rows: DailyRow[]): WeekOverWeek | null {
  if (rows.length === 0) return null;
  const thisWeek = totalsOf(rows.slice(-7));
  const earlier = rows.slice(0, -7).slice(-7);
  const lastWeek = earlier.length ? totalsOf(earlier) : null;
  const keys = ["spendCents", "leads", "costPerLeadCents", "ctrPercent", "cpmCents", "clickToLeadPercent", "frequency"] as const;
  const change = Object.fromEntries(keys.map((k) => [k, lastWeek ? percentChange(thisWeek[k], lastWeek[k]) : null]));
  return { thisWeek, lastWeek, change };
}
