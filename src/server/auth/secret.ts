import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/env";

export type AuthSecretSource = "env" | "dev-file" | "test-ephemeral";

export interface AuthSecret {
  secret: string;
  source: AuthSecretSource;
  /** Where a dev secret lives, so the status page can say so. */
  file?: string;
}

export function devSecretFile(env: Env): string {
  return path.resolve(env.DATA_DIR, "auth-secret");
}

/**
 * BETTER_AUTH_SECRET when set (env validation already demands it in production). In development
 * a random secret is created once under DATA_DIR so sessions survive restarts without any setup;
 * tests get a throwaway one so they never write into the developer's data folder.
 */
export function resolveAuthSecret(env: Env): AuthSecret {
  if (env.BETTER_AUTH_SECRET) return { secret: env.BETTER_AUTH_SECRET, source: "env" };
  if (env.NODE_ENV === "test") return { secret: randomBytes(32).toString("base64url"), source: "test-ephemeral" };
  if (env.NODE_ENV === "production") throw new Error("BETTER_AUTH_SECRET is required in production");
  const file = devSecretFile(env);
  return { secret: readOrCreateSecret(file), source: "dev-file", file };
}

function readOrCreateSecret(file: string): string {
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // "wx" fails if another process won the race; then its secret is the one to use.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}
