import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { facebookConnections, simulatedClocks } from "@/server/db/schema";

/**
 * The simulated ad account's clock: each simulated ad account runs `offsetMs` ahead of real time
 * (table `simulated_clocks`; no row = no offset), so a demo or a test can watch days of delivery
 * in a minute. Activation times, "today" and the pro-rating of today's row all read it.
 */

export const DAY_MS = 86_400_000;

export async function readClockOffsetMs(db: Db, adAccountId: string): Promise<number> {
  const [row] = await db.select({ offsetMs: simulatedClocks.offsetMs }).from(simulatedClocks).where(eq(simulatedClocks.adAccountId, adAccountId));
  return row?.offsetMs ?? 0;
}

export async function readClockOffsets(db: Db, adAccountIds: string[]): Promise<Map<string, number>> {
  const offsets = new Map(adAccountIds.map((id) => [id, 0]));
  if (!adAccountIds.length) return offsets;
  const rows = await db.select().from(simulatedClocks).where(inArray(simulatedClocks.adAccountId, adAccountIds));
  for (const r of rows) offsets.set(r.adAccountId, r.offsetMs);
  return offsets;
}

/**
 * Moves the clocks of these accounts forward by `days`, atomically per row (an increment, not a
 * read-then-write), so two concurrent advances add up. Returns the new offsets.
 */
export async function advanceSimulatedClocks(db: Db, adAccountIds: string[], days: number): Promise<Map<string, number>> {
  const step = Math.round(days * DAY_MS);
  for (const adAccountId of [...new Set(adAccountIds)].sort()) {
    await db
      .insert(simulatedClocks)
      .values({ adAccountId, offsetMs: step })
      .onConflictDoUpdate({ target: simulatedClocks.adAccountId, set: { offsetMs: sql`${simulatedClocks.offsetMs} + ${step}`, updatedAt: new Date() } });
  }
  return readClockOffsets(db, adAccountIds);
}

/** The simulated account's "now": the real (or injected) now plus that account's offset. */
export async function simulatedAccountNow(db: Db, adAccountId: string, base: Date = new Date()): Promise<Date> {
  return new Date(base.getTime() + (await readClockOffsetMs(db, adAccountId)));
}

/**
 * The IANA zone Facebook reported for the account when it was offered at login (stored on the
 * connection); `fallback` (the simulated templates' zone) when no login lists it, else UTC.
 */
export async function adAccountTimezone(db: Db, adAccountId: string, fallback?: string): Promise<string> {
  const [row] = await db
    .select({ choices: facebookConnections.adAccountChoices })
    .from(facebookConnections)
    .where(sql`${facebookConnections.adAccountChoices} @> ${JSON.stringify([{ id: adAccountId }])}::jsonb`)
    .limit(1);
  const zone = row?.choices.find((c) => c.id === adAccountId)?.timezoneName ?? fallback;
  return zone && isValidZone(zone) ? zone : "UTC";
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The account day (YYYY-MM-DD in `timeZone`) of an instant, and how much of that day has elapsed (0–1). */
export function accountDay(at: Date, timeZone: string): { date: string; fraction: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  const seconds = Number(get("hour")) * 3600 + Number(get("minute")) * 60 + Number(get("second"));
  return { date: `${get("year")}-${get("month")}-${get("day")}`, fraction: Math.min(1, seconds / 86_400) };
}

/** When a change made now happens in a simulated account: its own now and that instant's account day. */
export async function simulatedChangeTime(db: Db, adAccountId: string, base: Date, fallbackZone?: string): Promise<{ at: Date; date: string }> {
  const [offsetMs, timeZone] = await Promise.all([readClockOffsetMs(db, adAccountId), adAccountTimezone(db, adAccountId, fallbackZone)]);
  const at = new Date(base.getTime() + offsetMs);
  return { at, date: accountDay(at, timeZone).date };
}
