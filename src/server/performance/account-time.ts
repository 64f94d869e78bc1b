/**
 * Days and hours as the ad account lives them. Facebook reports delivery per day of the account's
 * time zone, so "today", "midday" and "the last 3 days" are read there, never in UTC or the server's zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `now`: its day (YYYY-MM-DD) and time of day. */
export function accountTime(now: Date, timeZone: string): { day: string; hour: number; minute: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = p.value;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

export function accountDay(now: Date, timeZone: string): string {
  return accountTime(now, timeZone).day;
}

/** A calendar day n days later (or earlier): plain date arithmetic, no zone involved. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The last `n` complete days up to the snapshot's day. Today's row only holds the hours elapsed so
 * far, so a 3-day judgement made at 9am would read a third of a day as a whole one: when the
 * snapshot is of today (in the account zone), the window ends yesterday.
 */
export function completeDays(opts: { snapshotDate: string; today: string; n?: number }): string[] {
  const yesterday = addDays(opts.today, -1);
  const end = opts.snapshotDate < opts.today ? opts.snapshotDate : yesterday;
  const n = opts.n ?? 3;
  return Array.from({ length: n }, (_, i) => addDays(end, i - n + 1));
}
