import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./keys";

/** A secret encrypted with AES-256-GCM; every part base64. `keyId` names the key for rotation. */
export interface EncryptedSecret {
  ciphertext: string;
  iv: string;
  tag: string;
  keyId: string;
}

const TAG_BYTES = 16;

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptError";
  }
}

/**
 * `context` is authenticated but not stored (GCM additional data): a ciphertext copied onto
 * another row, whose context differs, fails to decrypt instead of lending its token.
 */
export function encryptSecret(plaintext: string, keyring: Keyring, context = ""): EncryptedSecret {
  const key = keyring.keys[keyring.currentId];
  if (!key) throw new DecryptError(`Current key ${keyring.currentId} is not in the keyring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: ciphertext.toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    keyId: keyring.currentId,
  };
}

export function decryptSecret(secret: EncryptedSecret, keyring: Keyring, context = ""): string {
  const key = keyring.keys[secret.keyId];
  if (!key) throw new DecryptError(`Secret was encrypted with key "${secret.keyId}", which is not configured`);
  try {
    // A fixed tag length: without it GCM accepts a tag cut down to 4 bytes, which is forgeable.
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(secret.iv, "base64"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(secret.tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(secret.ciphertext, "base64")), decipher.final()]);
    return plain.toString("utf8");
  } catch {
    // Never echo the ciphertext or the key: only that authentication failed.
    throw new DecryptError("Secret failed authentication (tampered, or wrong key/context)");
  }
}
