import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookConnections, users } from "@/server/db/schema";
import { GraphApiError, type AdPlatform } from "@/server/services/facebook/types";
import type { Keyring } from "@/server/crypto/keys";
import { DecryptError } from "@/server/crypto/secret-box";
import { decryptConnectionToken, markConnectionExpired, storeRefreshedToken } from "./connections";

/** Long-lived tokens last ~60 days; refreshing a week ahead leaves room for a few failed days. */
export const REFRESH_WINDOW_MS = 7 * 24 * 3600 * 1000;

export async function listConnectionsToRefresh(db: Db, opts: { now: Date; windowMs?: number }) {
  const horizon = new Date(opts.now.getTime() + (opts.windowMs ?? REFRESH_WINDOW_MS));
  return db
    .select({ id: facebookConnections.id, organizationId: facebookConnections.organizationId, tokenKeyId: facebookConnections.tokenKeyId })
    .from(facebookConnections)
    .where(and(inArray(facebookConnections.status, ["ACTIVE", "PENDING"]), lt(facebookConnections.tokenExpiresAt, horizon)));
}

/**
 * Splits due connections by whether the keyring can read their token. An unreadable one is a
 * configuration error (a key rotated out of ENCRYPTION_KEYS too early), not the owner's: it is
 * reported to the operator and never refreshed into an EXPIRED status.
 */
export function partitionByKey<T extends { tokenKeyId: string }>(rows: T[], keyring: Keyring) {
  const readable = rows.filter((r) => keyring.keys[r.tokenKeyId]);
  const unreadable = rows.filter((r) => !keyring.keys[r.tokenKeyId]);
  return { readable, unreadable, missingKeyIds: [...new Set(unreadable.map((r) => r.tokenKeyId))] };
}

export type RefreshOutcome =
  | { status: "refreshed"; expiresAt: string | null }
  | { status: "skipped"; reason: string }
  | { status: "undecryptable"; keyId: string; reason: string }
  // `tokenIv` identifies the refused token, so only that token's connection is expired.
  | { status: "failed"; reason: string; tokenIv: string };

/**
 * Exchanges the stored long-lived token for a fresh one. A permanent refusal (or a token already
 * expired) is a "failed" outcome for the caller to report to the owner; a token we cannot decrypt
 * is "undecryptable", for the operator; a transient Graph error throws so the engine retries.
 */
export async function refreshConnectionToken(
  deps: { db: Db; facebook: AdPlatform; keyring?: Keyring },
  opts: { organizationId: string; connectionId: string; now: Date },
): Promise<RefreshOutcome> {
  const [row] = await deps.db
    .select()
    .from(facebookConnections)
    .where(and(eq(facebookConnections.id, opts.connectionId), eq(facebookConnections.organizationId, opts.organizationId)));
  if (!row || (row.status !== "ACTIVE" && row.status !== "PENDING")) return { status: "skipped", reason: "not active" };
  if (row.tokenExpiresAt && row.tokenExpiresAt <= opts.now) {
    return { status: "failed", reason: "The token already expired; Facebook only extends valid tokens.", tokenIv: row.tokenIv };
  }
  let current: string;
  try {
    current = decryptConnectionToken(row, deps.keyring);
  } catch (error) {
    if (error instanceof DecryptError) return { status: "undecryptable", keyId: row.tokenKeyId, reason: error.message };
    throw error;
  }
  try {
    const token = await deps.facebook.extendToken(current);
    const stored = await storeRefreshedToken(deps.db, { connection: row, token, keyring: deps.keyring });
    if (!stored) return { status: "skipped", reason: "a newer token was stored while refreshing" };
    return { status: "refreshed", expiresAt: token.expiresAt?.toISOString() ?? null };
  } catch (error) {
    if (error instanceof GraphApiError && !error.details.isTransient) {
      return { status: "failed", reason: error.message, tokenIv: row.tokenIv };
    }
    throw error;
  }
}

/**
 * Marks the connection EXPIRED, unless its token changed since `tokenIv` was read (the owner
 * reconnected meanwhile), and returns who to tell; null when there is nobody to tell.
 */
export async function expireConnection(db: Db, opts: { organizationId: string; connectionId: string; tokenIv: string }) {
  const [row] = await db
    .select({ userId: facebookConnections.userId, email: users.email, projectId: facebookConnections.projectId, tokenExpiresAt: facebookConnections.tokenExpiresAt })
    .from(facebookConnections)
    .innerJoin(users, eq(users.id, facebookConnections.userId))
    .where(and(eq(facebookConnections.id, opts.connectionId), eq(facebookConnections.organizationId, opts.organizationId)));
  if (!row) return null;
  const expired = await markConnectionExpired(db, opts.connectionId, { tokenIv: opts.tokenIv });
  return expired ? { ...row, tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null } : null;
}
