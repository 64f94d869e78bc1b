import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookObjectStates } from "@/server/db/schema";
import type { OurObject } from "./our-objects";

export type ObjectState = typeof facebookObjectStates.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Settable = Partial<Pick<ObjectState, "reviewStatus" | "reviewReason" | "reviewReportedAt" | "outsideStatus" | "outsideReportedAt" | "heldAt">>;

/** Which report clock a change advances: reviews and outside statuses are ordered separately. */
export type Clock = "reviewReportedAt" | "outsideReportedAt";

export interface Plan<T> {
  set: Settable;
  /** What the change causes (message, notification), written in the same transaction. */
  effects: (tx: Tx) => Promise<T>;
}

export type StateChange<T> = { outcome: "changed"; result: T } | { outcome: "ignored"; reason: string };

const ATTEMPTS = 4;

async function readState(db: Db, o: OurObject): Promise<ObjectState | null> {
  const [row] = await db
    .select()
    .from(facebookObjectStates)
    .where(and(eq(facebookObjectStates.organizationId, o.record.organizationId), eq(facebookObjectStates.objectId, o.objectId)));
  return row ?? null;
}

/**
 * Moves one object's state as a compare-and-set on what was read: the update only lands when the
 * row still shows the report time we decided on (the first report's insert is decided by the unique
 * key), and its effects commit with it. A racer that lost reads again: the winner's report is then
 * the same or newer, so it ends "ignored" and says nothing. An older report than the stored one is
 * ignored too: Facebook's entry time orders them, not arrival.
 */
export async function changeObjectState<T>(
  db: Db,
  opts: { object: OurObject; clock: Clock; at: Date; plan: (current: ObjectState | null) => Plan<T> | null },
): Promise<StateChange<T>> {
  const { object: o, clock, at } = opts;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await readState(db, o);
    const seen = current?.[clock] ?? null;
    if (seen && seen.getTime() >= at.getTime()) return { outcome: "ignored", reason: "a report as new or newer is already recorded" };
    const plan = opts.plan(current);
    if (!plan) return { outcome: "ignored", reason: "nothing changes" };
    const won = await db.transaction(async (tx) => {
      const set = { ...plan.set, [clock]: at };
      const rows = current
        ? await tx
            .update(facebookObjectStates)
            .set(set)
            .where(and(eq(facebookObjectStates.id, current.id), sameClock(clock, seen)))
            .returning({ id: facebookObjectStates.id })
        : await tx
            .insert(facebookObjectStates)
            .values({
              organizationId: o.record.organizationId,
              campaignId: o.record.id,
              adAccountId: o.record.adAccountId ?? "",
              objectType: o.objectType,
              objectId: o.objectId,
              ...set,
            })
            .onConflictDoNothing()
            .returning({ id: facebookObjectStates.id });
      if (rows.length === 0) return null;
      return { result: await plan.effects(tx) };
    });
    if (won) return { outcome: "changed", result: won.result };
  }
  throw new Error(`State of Facebook object ${o.objectId} kept changing under us; retrying later`);
}

function sameClock(clock: Clock, seen: Date | null): SQL {
  const col = facebookObjectStates[clock];
  return seen ? eq(col, seen) : isNull(col);
}
