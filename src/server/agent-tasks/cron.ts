/**
 * A 5-field cron in UTC (minute hour day-of-month month day-of-week): numbers, `*`, ranges, steps
 * and lists, the same shape the env's cron settings take (without their TZ= prefix: schedules are
 * UTC). Small enough to write here rather than add a package; names (MON, JAN) are not accepted.
 */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

export interface CronSpec {
  sets: Set<number>[];
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

export type ParsedCron = { ok: true; spec: CronSpec } | { ok: false; message: string };

function parseField(text: string, min: number, max: number): Set<number> | null {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === "*" ? min : Number(m[2]);
    const to = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): ParsedCron {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return { ok: false, message: 'must be a 5-field cron expression such as "0 9 * * 1"' };
  const sets: Set<number>[] = [];
  for (const [i, field] of FIELDS.entries()) {
    const set = parseField(parts[i]!, field.min, field.max);
    if (!set) return { ok: false, message: `has an invalid ${field.name} field ("${parts[i]!.slice(0, 20)}"; ${field.min}–${field.max})` };
    sets.push(set);
  }
  if (sets[4]!.has(7)) sets[4]!.add(0); // 7 is Sunday too
  return { ok: true, spec: { sets, anyDayOfMonth: parts[2] === "*", anyDayOfWeek: parts[4] === "*" } };
}

/** Whether the minute `at` (UTC) is one the cron names. Day of month and day of week OR when both are set, as in cron. */
export function cronMatches(spec: CronSpec, at: Date): boolean {
  const [minute, hour, dom, month, dow] = spec.sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (!minute.has(at.getUTCMinutes()) || !hour.has(at.getUTCHours()) || !month.has(at.getUTCMonth() + 1)) return false;
  const domOk = dom.has(at.getUTCDate());
  const dowOk = dow.has(at.getUTCDay());
  if (spec.anyDayOfMonth && spec.anyDayOfWeek) return true;
  if (spec.anyDayOfMonth) return dowOk;
  if (spec.anyDayOfWeek) return domOk;
  return domOk || dowOk;
}

/** The latest minute in (after, upTo] the cron names, or null. Looks back at most `maxMinutes`. */
export function latestTick(spec: CronSpec, after: Date, upTo: Date, maxMinutes = 60): Date | null {
  const end = Math.floor(upTo.getTime() / 60_000) * 60_000;
  const start = Math.max(after.getTime(), end - maxMinutes * 60_000);
  for (let t = end; t > start; t -= 60_000) if (cronMatches(spec, new Date(t))) return new Date(t);
  return null;
}
