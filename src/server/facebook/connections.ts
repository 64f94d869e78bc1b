import { and, eq, isNull, lte, or } from "drizzle-orm";
import { env } from "@/env";
import { loadKeyring, type Keyring } from "@/server/crypto/keys";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { facebookConnections, type AdAccountChoice, type PendingFacebookLogin } from "@/server/db/schema";
import type { AccessToken } from "@/server/services/facebook/types";

export type FacebookConnection = typeof facebookConnections.$inferSelect;

export interface ActiveConnection {
  connectionId: string;
  adAccountId: string;
  accessToken: string;
  pageId?: string;
  simulated: boolean;
}

interface Owner {
  organizationId: string;
  userId: string;
}

// Binds each ciphertext to its owner: a token row copied to another user will not decrypt.
const tokenContext = (o: Owner) => `facebook-token:${o.organizationId}:${o.userId}`;

export async function findConnection(db: Db, owner: Owner): Promise<FacebookConnection | null> {
  const [row] = await db
    .select()
    .from(facebookConnections)
    .where(and(eq(facebookConnections.organizationId, owner.organizationId), eq(facebookConnections.userId, owner.userId)));
  return row ?? null;
}

export function decryptConnectionToken(row: FacebookConnection, keyring: Keyring = loadKeyring(env())): string {
  return decryptSecret(
    { ciphertext: row.tokenCiphertext, iv: row.tokenIv, tag: row.tokenTag, keyId: row.tokenKeyId },
    keyring,
    tokenContext(row),
  );
}

/** The user's usable connection with its token decrypted, or null when none is ACTIVE. */
export async function getActiveConnection(
  db: Db,
  opts: Owner & { keyring?: Keyring },
): Promise<ActiveConnection | null> {
  const row = await findConnection(db, opts);
  if (!row || row.status !== "ACTIVE" || !row.adAccountId) return null;
  return {
    connectionId: row.id,
    adAccountId: row.adAccountId,
    accessToken: decryptConnectionToken(row, opts.keyring),
    pageId: row.pageId ?? undefined,
    simulated: row.simulated,
  };
}

function encryptedTokenColumns(owner: Owner, token: AccessToken, keyring: Keyring) {
  const box = encryptSecret(token.accessToken, keyring, tokenContext(owner));
  return {
    tokenCiphertext: box.ciphertext,
    tokenIv: box.iv,
    tokenTag: box.tag,
    tokenKeyId: box.keyId,
    tokenExpiresAt: token.expiresAt,
  };
}

/**
 * Stores a fresh login with the ad accounts to choose from. Without a working connection it
 * becomes the PENDING connection; beside an ACTIVE one it waits in `pendingLogin`, and the old
 * token and account keep working until the user picks an account from the new login.
 */
export async function savePendingConnection(
  db: Db,
  opts: Owner & {
    token: AccessToken;
    adAccounts: AdAccountChoice[];
    pageId?: string | null;
    projectId?: string | null;
    simulated: boolean;
    keyring?: Keyring;
  },
): Promise<FacebookConnection> {
  const token = encryptedTokenColumns(opts, opts.token, opts.keyring ?? loadKeyring(env()));
  const pendingLogin: PendingFacebookLogin = {
    ...token,
    tokenExpiresAt: token.tokenExpiresAt?.toISOString() ?? null,
    adAccountChoices: opts.adAccounts,
    pageId: opts.pageId ?? null,
    projectId: opts.projectId ?? null,
    simulated: opts.simulated,
  };
  const asideActive = await db
    .update(facebookConnections)
    .set({ pendingLogin })
    .where(and(ownedBy(opts), eq(facebookConnections.status, "ACTIVE")))
    .returning();
  if (asideActive[0]) return asideActive[0];
  const columns = {
    ...token,
    status: "PENDING" as const,
    adAccountChoices: opts.adAccounts,
    adAccountId: null,
    adAccountName: null,
    pageId: opts.pageId ?? null,
    projectId: opts.projectId ?? null,
    simulated: opts.simulated,
    pendingLogin: null,
    lastRefreshedAt: new Date(),
  };
  const [row] = await db
    .insert(facebookConnections)
    .values({ organizationId: opts.organizationId, userId: opts.userId, ...columns })
    .onConflictDoUpdate({ target: [facebookConnections.organizationId, facebookConnections.userId], set: columns })
    .returning();
  if (!row) throw new Error("Connection upsert returned no row");
  return row;
}

const ownedBy = (o: Owner) => and(eq(facebookConnections.organizationId, o.organizationId), eq(facebookConnections.userId, o.userId));

/** The accounts the chat offers now: a waiting new login's, else a PENDING connection's. */
function choicesOf(row: FacebookConnection): AdAccountChoice[] {
  if (row.pendingLogin) return row.pendingLogin.adAccountChoices;
  return row.status === "PENDING" ? row.adAccountChoices : [];
}

/** Picking from a waiting login moves its token into the connection, replacing the old one. */
function adoptPendingLogin(login: PendingFacebookLogin) {
  return {
    tokenCiphertext: login.tokenCiphertext,
    tokenIv: login.tokenIv,
    tokenTag: login.tokenTag,
    tokenKeyId: login.tokenKeyId,
    tokenExpiresAt: login.tokenExpiresAt ? new Date(login.tokenExpiresAt) : null,
    adAccountChoices: login.adAccountChoices,
    pageId: login.pageId,
    projectId: login.projectId,
    simulated: login.simulated,
    pendingLogin: null,
    lastRefreshedAt: new Date(),
  };
}

export type SelectAdAccountResult =
  | { ok: true; connection: FacebookConnection }
  | { ok: false; reason: "no-connection" | "unknown-account" | "inactive-account" };

/** Activates the connection on one of the accounts Facebook listed for this user, nothing else. */
export async function selectAdAccount(
  db: Db,
  opts: Owner & { adAccountId: string },
): Promise<SelectAdAccountResult> {
  const row = await findConnection(db, opts);
  if (!row || row.status === "REVOKED") return { ok: false, reason: "no-connection" };
  const choice = (row.pendingLogin?.adAccountChoices ?? row.adAccountChoices).find((a) => a.id === opts.adAccountId);
  if (!choice) return { ok: false, reason: "unknown-account" };
  // Facebook's account_status 1 = active; disabled, unsettled or closed accounts cannot run ads.
  if (choice.accountStatus !== 1) return { ok: false, reason: "inactive-account" };
  const [updated] = await db
    .update(facebookConnections)
    .set({ ...(row.pendingLogin ? adoptPendingLogin(row.pendingLogin) : {}), status: "ACTIVE", adAccountId: choice.id, adAccountName: choice.name })
    .where(eq(facebookConnections.id, row.id))
    .returning();
  return updated ? { ok: true, connection: updated } : { ok: false, reason: "no-connection" };
}

/**
 * Compare-and-set on the stored token: every encryption draws a fresh random IV, so an unchanged
 * `tokenIv` means nobody stored another token (a reconnect, another refresh, a re-encryption)
 * since `connection` was read. False when someone did; their newer token is kept.
 */
export async function storeRefreshedToken(
  db: Db,
  opts: { connection: FacebookConnection; token: AccessToken; keyring?: Keyring },
): Promise<boolean> {
  const updated = await db
    .update(facebookConnections)
    .set({
      ...encryptedTokenColumns(opts.connection, opts.token, opts.keyring ?? loadKeyring(env())),
      lastRefreshedAt: new Date(),
    })
    .where(and(eq(facebookConnections.id, opts.connection.id), eq(facebookConnections.tokenIv, opts.connection.tokenIv)))
    .returning({ id: facebookConnections.id });
  return updated.length > 0;
}

/**
 * Stores the same token under the keyring's current key. Compare-and-set like a refresh, so a
 * token stored meanwhile is never replaced by the older one. Throws DecryptError when unreadable.
 */
export async function reencryptConnectionToken(db: Db, row: FacebookConnection, keyring: Keyring): Promise<boolean> {
  const box = encryptSecret(decryptConnectionToken(row, keyring), keyring, tokenContext(row));
  const updated = await db
    .update(facebookConnections)
    .set({ tokenCiphertext: box.ciphertext, tokenIv: box.iv, tokenTag: box.tag, tokenKeyId: box.keyId })
    .where(and(eq(facebookConnections.id, row.id), eq(facebookConnections.tokenIv, row.tokenIv)))
    .returning({ id: facebookConnections.id });
  return updated.length > 0;
}

/**
 * With `tokenIv`, only while that token is still the stored one: Facebook refused *that* token,
 * and a connection renewed meanwhile must not be expired for it. True when the row changed.
 */
export async function markConnectionExpired(db: Db, connectionId: string, opts: { tokenIv?: string } = {}): Promise<boolean> {
  const updated = await db
    .update(facebookConnections)
    .set({ status: "EXPIRED" })
    .where(
      and(
        eq(facebookConnections.id, connectionId),
        opts.tokenIv === undefined ? undefined : eq(facebookConnections.tokenIv, opts.tokenIv),
      ),
    )
    .returning({ id: facebookConnections.id });
  return updated.length > 0;
}

/**
 * Graph refused the token (code 190): the person must log in again. Compare-and-set: only an ACTIVE
 * connection not renewed since the failure was seen, so a reconnect that raced ahead stays ACTIVE.
 */
export async function markConnectionNeedsReconnect(db: Db, opts: Owner & { seenAt: Date }): Promise<{ expired: boolean }> {
  const rows = await db
    .update(facebookConnections)
    .set({ status: "EXPIRED" })
    .where(
      and(
        eq(facebookConnections.organizationId, opts.organizationId),
        eq(facebookConnections.userId, opts.userId),
        eq(facebookConnections.status, "ACTIVE"),
        or(isNull(facebookConnections.lastRefreshedAt), lte(facebookConnections.lastRefreshedAt, opts.seenAt)),
      ),
    )
    .returning({ id: facebookConnections.id });
  return { expired: rows.length > 0 };
}

/** What the UI may see about a connection: never the token. */
export function describeConnection(row: FacebookConnection) {
  return {
    id: row.id,
    status: row.status,
    adAccountId: row.adAccountId,
    adAccountName: row.adAccountName,
    adAccountChoices: choicesOf(row),
    simulated: row.simulated,
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
  };
}
