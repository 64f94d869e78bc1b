import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Keyring } from "@/server/crypto/keys";
import { decryptSecret, encryptSecret, type EncryptedSecret } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { agentWebhookSecrets } from "@/server/db/schema/agent-tasks";

/** After a rotation the previous secret still verifies for this long, so a sender can switch over. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

// Bound into the ciphertext: a secret copied onto another organization's row does not decrypt.
const contextFor = (organizationId: string) => `agent-webhook-secret:${organizationId}`;
const seal = (secret: string, keyring: Keyring, organizationId: string) => JSON.stringify(encryptSecret(secret, keyring, contextFor(organizationId)));
const open = (stored: string, keyring: Keyring, organizationId: string) => decryptSecret(JSON.parse(stored) as EncryptedSecret, keyring, contextFor(organizationId));

/**
 * A new random secret for the organization; the one it replaces stays valid for the grace period.
 * Only the ciphertext is stored: the plaintext is returned to the owner once and never again.
 */
export async function rotateWebhookSecret(db: Db, keyring: Keyring, organizationId: string, now: Date): Promise<string> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const sealed = seal(secret, keyring, organizationId);
  // One statement, so two rotations at once cannot both insert: the later keeps the earlier as previous.
  await db
    .insert(agentWebhookSecrets)
    .values({ organizationId, secretCiphertext: sealed, rotatedAt: now })
    .onConflictDoUpdate({
      target: agentWebhookSecrets.organizationId,
      set: { secretCiphertext: sealed, previousCiphertext: sql`${agentWebhookSecrets.secretCiphertext}`, rotatedAt: now },
    });
  return secret;
}

/** The secrets a delivery may be signed with now: none (webhooks off), the current, and the previous within its grace. */
export async function activeWebhookSecrets(db: Db, keyring: Keyring, organizationId: string, now: Date): Promise<string[]> {
  const [row] = await db.select().from(agentWebhookSecrets).where(eq(agentWebhookSecrets.organizationId, organizationId));
  if (!row) return [];
  const sealed = [row.secretCiphertext];
  if (row.previousCiphertext && now.getTime() - row.rotatedAt.getTime() < PREVIOUS_SECRET_GRACE_MS) sealed.push(row.previousCiphertext);
  return sealed.flatMap((s) => {
    try {
      return [open(s, keyring, organizationId)];
    } catch {
      return []; // encrypted with a key no longer configured: nothing it signs can verify (the owner rotates)
    }
  });
}
