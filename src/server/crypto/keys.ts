import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/env";

/** Encryption keys by id: new secrets use `currentId`; old ids stay readable after a rotation. */
export interface Keyring {
  currentId: string;
  keys: Record<string, Buffer>;
}

export class MissingKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingKeyError";
  }
}

const LOCAL_KEY_ID = "local-dev";

// Tests never write into the developer's data folder: one random key per test process.
const ephemeral = new Map<string, Buffer>();
function localKey(env: Env, name: string): Buffer {
  if (env.NODE_ENV !== "test") return readOrCreateLocalKey(env.DATA_DIR, name);
  let key = ephemeral.get(name);
  if (!key) ephemeral.set(name, (key = randomBytes(32)));
  return key;
}

/**
 * Reads or creates a random 32-byte key under DATA_DIR/keys. Only outside production: a dev
 * machine with no .env still encrypts tokens, and the key survives restarts with the data.
 */
function readOrCreateLocalKey(dataDir: string, name: string): Buffer {
  const file = path.resolve(dataDir, "keys", name);
  try {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length === 32) return key;
  } catch {
    // Not created yet.
  }
  const key = randomBytes(32);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, key.toString("base64"), { mode: 0o600 });
  return key;
}

/**
 * `id1:base64,id2:base64` (ENCRYPTION_KEYS): retired keys that still decrypt after a rotation,
 * until the re-encrypt function has moved every row to the current key. Malformed entries are
 * refused by the env schema before this runs.
 */
export function parseKeyList(value: string | undefined): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  for (const entry of (value ?? "").split(",")) {
    const at = entry.indexOf(":");
    if (at <= 0) continue;
    keys[entry.slice(0, at).trim()] = Buffer.from(entry.slice(at + 1).trim(), "base64");
  }
  return keys;
}

/** The current key encrypts; it and every retired key decrypt. */
export function loadKeyring(env: Env): Keyring {
  if (env.ENCRYPTION_KEY) {
    const current = Buffer.from(env.ENCRYPTION_KEY, "base64");
    return { currentId: env.ENCRYPTION_KEY_ID, keys: { ...parseKeyList(env.ENCRYPTION_KEYS), [env.ENCRYPTION_KEY_ID]: current } };
  }
  if (env.NODE_ENV === "production") {
    throw new MissingKeyError("ENCRYPTION_KEY is required in production to store Facebook tokens");
  }
  return { currentId: LOCAL_KEY_ID, keys: { [LOCAL_KEY_ID]: localKey(env, "encryption.key") } };
}

/**
 * The HMAC secret for OAuth state: APP_SIGNING_SECRET, else derived from BETTER_AUTH_SECRET (a
 * separate HKDF label so the auth secret itself never signs anything of ours), else a local key.
 */
export function loadSigningSecret(env: Env): Buffer {
  if (env.APP_SIGNING_SECRET) return createHash("sha256").update(env.APP_SIGNING_SECRET).digest();
  if (env.BETTER_AUTH_SECRET) {
    return Buffer.from(hkdfSync("sha256", env.BETTER_AUTH_SECRET, "aigency", "app-signing", 32));
  }
  if (env.NODE_ENV === "production") {
    throw new MissingKeyError("APP_SIGNING_SECRET or BETTER_AUTH_SECRET is required in production");
  }
  return localKey(env, "signing.key");
}
