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
    .select({ id: facebookConnections.id, organizationId: facebookConnections.organizationId })
    .from(facebookConnections)
    .where(and(inArray(facebookConnections.status, ["ACTIVE", "PENDING"]), lt(facebookConnections.tokenExpiresAt, horizon)));
}

export type RefreshOutcome =
  | { status: "refreshed"; expiresAt: string | null }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string };

/**
 * Exchanges the stored long-lived token for a fresh one. A permanent refusal (or a token we can no
 * longer decrypt, or one already expired) is a "failed" outcome for the caller to report; a
 * transient Graph error throws so the engine retries.
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
    return { status: "failed", reason: "The token already expired; Facebook only extends valid tokens." };
  }
  try {
    const current = decryptConnectionToken(row, deps.keyring);
    const token = await deps.facebook.extendToken(current);
    await storeRefreshedToken(deps.db, { connection: row, token, keyring: deps.keyring });
    return { status: "refreshed", expiresAt: token.expiresAt?.toISOString() ?? null };
  } catch (error) {
    if (error instanceof DecryptError) return { status: "failed", reason: error.message };
    if (error instanceof GraphApiError && !error.details.isTransient) return { status: "failed", reason: error.message };
    throw error;
  }
}

/** Marks the connection EXPIRED and returns who to tell (the user's email, the project to return to). */
export async function expireConnection(db: Db, opts: { organizationId: string; connectionId: string }) {
  await markConnectionExpired(db, opts.connectionId);
  const [row] = await db
    .select({ userId: facebookConnections.userId, email: users.email, projectId: facebookConnections.projectId, tokenExpiresAt: facebookConnections.tokenExpiresAt })
    .from(facebookConnections)
    .innerJoin(users, eq(users.id, facebookConnections.userId))
    .where(and(eq(facebookConnections.id, opts.connectionId), eq(facebookConnections.organizationId, opts.organizationId)));
  return row ? { ...row, tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null } : null;
}
