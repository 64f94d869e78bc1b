import { sql } from "drizzle-orm";
import type { Db } from "@/server/db";

/** A transaction handle: what `db.transaction` passes its callback. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Serialises everything that counts one owner's jobs and then writes (submit under the daily cap,
 * admission into the two running slots): a transaction-scoped advisory lock on the owner, released
 * at commit or rollback, so two racers cannot both count 4 and both insert. Works on PGlite too.
 */
export async function lockOwner(tx: Tx, ownerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`appgen-owner:${ownerId}`}, 0))`);
}
