import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookConnections } from "@/server/db/schema";
import { simulatedAdAccountsFor } from "@/server/services/facebook";

/** "YYYY-MM-DD" of `at` in the IANA zone: the ad account's day, which Graph's insights are cut by. */
export function dayIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last `days` account days ending today, both ends included (Graph's time_range). */
export function lastAccountDays(now: Date, timeZone: string, days = 3): { since: string; until: string } {
  const until = dayIn(now, timeZone);
  return { since: addDays(until, -(days - 1)), until };
}

function isZone(tz: string | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone Facebook reported for the account when one of the organization's logins listed it, else
 * the simulated account's, else UTC (Graph's own default for an account without one).
 */
export async function accountTimezone(db: Db, opts: { organizationId: string; adAccountId: string }): Promise<string> {
  const rows = await db
    .select({ choices: facebookConnections.adAccountChoices, pending: facebookConnections.pendingLogin })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, opts.organizationId)));
  const listed = rows.flatMap((r) => [...r.choices, ...(r.pending?.adAccountChoices ?? [])]);
  const fromLogin = listed.find((a) => a.id === opts.adAccountId && isZone(a.timezoneName))?.timezoneName;
  if (fromLogin) return fromLogin;
  const simulated = simulatedAdAccountsFor(opts.organizationId).find((a) => a.id === opts.adAccountId)?.timezoneName;
  return isZone(simulated) ? simulated : "UTC";
}
