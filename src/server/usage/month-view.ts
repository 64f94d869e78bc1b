import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { usageLedger } from "@/server/db/schema";

/** A calendar month in UTC ("YYYY-MM"); organizations have no time zone of their own yet. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, mon - 1, 1)), end: new Date(Date.UTC(year, mon, 1)) };
}

export interface MonthUsage {
  month: string;
  /** Agency cost: every kind except the client's ad-spend deltas. */
  agencyCostMicroUsd: number;
  byDay: { day: string; costMicroUsd: number }[];
  byFeature: { feature: string; kind: string; quantity: number; costMicroUsd: number }[];
  adSpendDeltas: { day: string; feature: string; deltaMicros: number }[];
}

export async function loadMonthUsage(db: Db, input: { organizationId: string; month: string }): Promise<MonthUsage> {
  const { start, end } = monthRange(input.month);
  const inMonth = and(
    eq(usageLedger.organizationId, input.organizationId),
    gte(usageLedger.createdAt, start),
    lt(usageLedger.createdAt, end),
  );
  const day = sql<string>`to_char(${usageLedger.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const agency = and(inMonth, sql`${usageLedger.kind} <> 'AD_SPEND_DELTA'`);
  const total = sql<string>`coalesce(sum(${usageLedger.costMicroUsd}), 0)`;

  const [days, features, deltas] = await Promise.all([
    db.select({ day, cost: total }).from(usageLedger).where(agency).groupBy(day).orderBy(day),
    db
      .select({ feature: usageLedger.feature, kind: usageLedger.kind, quantity: sql<string>`sum(${usageLedger.quantity})`, cost: total })
      .from(usageLedger)
      .where(agency)
      .groupBy(usageLedger.feature, usageLedger.kind)
      .orderBy(usageLedger.feature, usageLedger.kind),
    db
      .select({ day, feature: usageLedger.feature, delta: sql<string>`sum(${usageLedger.quantity})` })
      .from(usageLedger)
      .where(and(inMonth, eq(usageLedger.kind, "AD_SPEND_DELTA")))
      .groupBy(day, usageLedger.feature)
      .orderBy(day, usageLedger.feature),
  ]);

  // Sums arrive as strings (bigint); micro-USD totals stay far below 2^53.
  const byDay = days.map((d) => ({ day: d.day, costMicroUsd: Number(d.cost) }));
  return {
    month: input.month,
    agencyCostMicroUsd: byDay.reduce((s, d) => s + d.costMicroUsd, 0),
    byDay,
    byFeature: features.map((f) => ({ feature: f.feature, kind: f.kind, quantity: Number(f.quantity), costMicroUsd: Number(f.cost) })),
    adSpendDeltas: deltas.map((d) => ({ day: d.day, feature: d.feature, deltaMicros: Number(d.delta) })),
  };
}
