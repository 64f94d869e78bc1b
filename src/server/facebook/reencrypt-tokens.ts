import { and, asc, gt, ne } from "drizzle-orm";
import type { Keyring } from "@/server/crypto/keys";
import { DecryptError } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { facebookConnections } from "@/server/db/schema";
import { reencryptConnectionToken } from "./connections";

export const REENCRYPT_BATCH_SIZE = 100;

export interface ReencryptBatch {
  reencrypted: number;
  // Changed by someone else between our read and write: already under a fresh encryption.
  changedMeanwhile: number;
  // Under a key the keyring lacks: left as they are, for the operator to supply the key.
  unreadable: { connectionId: string; keyId: string }[];
  /** The id to continue after, or null when this was the last batch. */
  nextAfterId: string | null;
}

/**
 * Moves one batch of tokens not under the current key onto it, in id order after `afterId`.
 * Idempotent: rows already under the current key are not selected, and each write is a
 * compare-and-set on the token it read.
 */
export async function reencryptTokenBatch(
  db: Db,
  opts: { keyring: Keyring; afterId: string | null; limit?: number },
): Promise<ReencryptBatch> {
  const limit = opts.limit ?? REENCRYPT_BATCH_SIZE;
  const rows = await db
    .select()
    .from(facebookConnections)
    .where(
      and(
        ne(facebookConnections.tokenKeyId, opts.keyring.currentId),
        opts.afterId === null ? undefined : gt(facebookConnections.id, opts.afterId),
      ),
    )
    .orderBy(asc(facebookConnections.id))
    .limit(limit);
  const batch: ReencryptBatch = { reencrypted: 0, changedMeanwhile: 0, unreadable: [], nextAfterId: null };
  for (const row of rows) {
    try {
      if (await reencryptConnectionToken(db, row, opts.keyring)) batch.reencrypted++;
      else batch.changedMeanwhile++;
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      batch.unreadable.push({ connectionId: row.id, keyId: row.tokenKeyId });
    }
  }
  batch.nextAfterId = rows.length === limit ? rows[rows.length - 1]!.id : null;
  return batch;
}
