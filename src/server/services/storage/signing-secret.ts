import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/env";
import { deriveSigningSecret } from "./signing";

export type SigningSecretSource = "APP_SIGNING_SECRET" | "BETTER_AUTH_SECRET" | "dev-key-file";

type SecretEnv = Pick<Env, "APP_SIGNING_SECRET" | "BETTER_AUTH_SECRET" | "DATA_DIR">;

export function devKeyFile(env: Pick<Env, "DATA_DIR">): string {
  return path.resolve(env.DATA_DIR, "storage-signing.key");
}

export function signingSecretSource(env: SecretEnv): SigningSecretSource {
  if (env.APP_SIGNING_SECRET) return "APP_SIGNING_SECRET";
  if (env.BETTER_AUTH_SECRET) return "BETTER_AUTH_SECRET";
  return "dev-key-file";
}

const devKeys = new Map<string, Promise<string>>();

/**
 * The key that signs local download links: APP_SIGNING_SECRET, else one derived from
 * BETTER_AUTH_SECRET, else a random key kept in DATA_DIR so links survive a dev-server restart.
 */
export function resolveSigningSecret(env: SecretEnv): Promise<string> {
  if (env.APP_SIGNING_SECRET) return Promise.resolve(env.APP_SIGNING_SECRET);
  if (env.BETTER_AUTH_SECRET) return Promise.resolve(deriveSigningSecret(env.BETTER_AUTH_SECRET));
  const file = devKeyFile(env);
  let key = devKeys.get(file);
  if (!key) {
    key = readOrCreateDevKey(file);
    devKeys.set(file, key);
    key.catch(() => devKeys.delete(file));
  }
  return key;
}

async function readOrCreateDevKey(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // "wx" fails if another process created the key first; then we read theirs.
    const fresh = randomBytes(32).toString("hex");
    await writeFile(file, fresh, { flag: "wx", mode: 0o600 });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const existing = (await readFile(file, "utf8")).trim();
  if (existing.length < 32) throw new Error(`Storage signing key in ${file} is too short; delete the file`);
  return existing;
}
