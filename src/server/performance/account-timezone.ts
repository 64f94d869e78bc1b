import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookConnections } from "@/server/db/schema";
import { simulatedAdAccountsFor } from "@/server/services/facebook/simulated";

/**
 * The IANA zone of an ad account: Facebook's "day" for insights and the owner's "midday" for pacing.
 * Read from the accounts listed at connection time; simulated accounts carry their template's zone.
 * An account listed before zones were stored falls back to UTC.
 */
export async function accountTimezone(db: Db, opts: { organizationId: string; adAccountId: string }): Promise<string> {
  const simulated = simulatedAdAccountsFor(opts.organizationId).find((a) => a.id === opts.adAccountId);
  if (simulated?.timezoneName) return simulated.timezoneName;
  const rows = await db
    .select({ choices: facebookConnections.adAccountChoices })
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, opts.organizationId), eq(facebookConnections.adAccountId, opts.adAccountId)));
  for (const row of rows) {
    const zone = row.choices.find((c) => c.id === opts.adAccountId)?.timezoneName;
    if (zone && isKnownZone(zone)) return zone;
  }
  return "UTC";
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** YYYY-MM-DD of `at` in `timezone`. */
export function dayIn(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** `day` shifted by `n` calendar days (pure date arithmetic on YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
