/**
 * ISO weeks ("2026-W48", Monday to Monday, UTC): the improvement analysis names the week it looked
 * at, so a retried or repeated tick for the same week finds its own cards instead of making more.
 */
const DAY_MS = 86_400_000;

/** The ISO week a moment falls in. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  // The Thursday of this week decides the ISO year.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The last complete ISO week before `now`: what Monday's analysis looks back on. */
export function lastCompleteWeek(now: Date): string {
  return isoWeekOf(new Date(now.getTime() - 7 * DAY_MS));
}

/** [Monday 00:00 UTC, next Monday 00:00 UTC) of an ISO week. */
export function weekRange(week: string): { from: Date; to: Date } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`Not an ISO week: ${week}`);
  const year = Number(m[1]);
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS;
  const from = new Date(week1Monday + (Number(m[2]) - 1) * 7 * DAY_MS);
  return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
}
