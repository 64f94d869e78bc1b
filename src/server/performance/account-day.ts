import { addDays, dayIn } from "./account-timezone";

/** The last `days` account days ending today, both ends included (Graph's time_range). */
export function lastAccountDays(now: Date, timeZone: string, days = 3): { since: string; until: string } {
  const until = dayIn(timeZone, now);
  return { since: addDays(until, -(days - 1)), until };
}
