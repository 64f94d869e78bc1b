/**
 * The campaign's daily numbers as the charts draw them: pure, so unit tests pin the arithmetic.
 * CTR and ROAS are recomputed from the day's sums rather than averaged, so a day reported in
 * two rows (or a partial day) still reads right.
 */
export interface SnapshotTotals {
  date: string;
  spendCents: number;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueCents: number;
}

export interface DailyPoint extends SnapshotTotals {
  /** Percent of views that became clicks; null on a day with no views. */
  ctr: number | null;
  /** Money back per unit spent; null on a day with no spend. */
  roas: number | null;
}

function addTotals(into: SnapshotTotals, row: SnapshotTotals): void {
  into.spendCents += row.spendCents;
  into.impressions += row.impressions;
  into.clicks += row.clicks;
  into.conversions += row.conversions;
  into.conversionValueCents += row.conversionValueCents;
}

function withRatios(t: SnapshotTotals): DailyPoint {
  return {
    ...t,
    ctr: t.impressions > 0 ? (t.clicks / t.impressions) * 100 : null,
    roas: t.spendCents > 0 ? t.conversionValueCents / t.spendCents : null,
  };
}

/** One point per day, oldest first. */
export function toDailySeries(rows: SnapshotTotals[]): DailyPoint[] {
  const byDay = new Map<string, SnapshotTotals>();
  for (const row of rows) {
    const day = byDay.get(row.date) ?? { date: row.date, spendCents: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueCents: 0 };
    addTotals(day, row);
    byDay.set(row.date, day);
  }
  return [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)).map(withRatios);
}

/** The whole period in one line of figures (the stat row above the charts). */
export function summarizeSeries(points: DailyPoint[]): DailyPoint & { days: number } {
  const total: SnapshotTotals = { date: points.at(-1)?.date ?? "", spendCents: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueCents: 0 };
  for (const p of points) addTotals(total, p);
  return { ...withRatios(total), days: points.length };
}

/** "2026-11-30" → "Nov 30": the account day as written on an axis (it is a calendar day, not an instant). */
export function formatDay(date: string, opts: { weekday?: boolean } = {}): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", ...(opts.weekday ? { weekday: "short" } : {}) });
}

/** "4.2%" / "—": percentages as the charts and stats show them. */
export function formatPercent(value: number | null, digits = 2): string {
  return value === null ? "—" : `${value.toFixed(digits)}%`;
}

/** "3.4×" / "—": money back for every unit spent. */
export function formatRoas(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(2)}×`;
}
