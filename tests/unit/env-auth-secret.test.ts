import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { describeAuth } from "@/server/auth/describe";
import { resolveAuthSecret } from "@/server/auth/secret";

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aigency-auth-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("resolveAuthSecret", () => {
  it("uses BETTER_AUTH_SECRET when set", () => {
    const secret = "x".repeat(40);
    expect(resolveAuthSecret(parseEnv({ BETTER_AUTH_SECRET: secret }))).toEqual({ secret, source: "env" });
  });

  it("in development creates one private secret under DATA_DIR and reuses it across restarts", () => {
    const env = parseEnv({ NODE_ENV: "development", DATA_DIR: tempDataDir() });
    const first = resolveAuthSecret(env);
    const second = resolveAuthSecret(env);
    expect(first.source).toBe("dev-file");
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.secret).toBe(first.secret);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
  });

  it("refuses to invent a secret in production", () => {
    // parseEnv already rejects this combination; this guards direct callers with a hand-built Env.
    const env = { ...parseEnv({}), NODE_ENV: "production" as const };
    expect(() => resolveAuthSecret(env)).toThrow(/BETTER_AUTH_SECRET/);
  });
});

describe("describeAuth", () => {
  it("says where the secret comes from without revealing it", () => {
    const dataDir = tempDataDir();
    const env = parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir });
    const { secret } = resolveAuthSecret(env);
    const status = describeAuth(env);
    expect(status.secretSource).toBe("dev secret file");
    // /status is public: it says which kind of secret, never the file's path.
    expect(status.detail).toContain("data directory");
    expect(status.detail).not.toContain(dataDir);
    expect(JSON.stringify(status)).not.toContain(secret);
    const configured = describeAuth(parseEnv({ BETTER_AUTH_SECRET: "y".repeat(40) }));
    expect(JSON.stringify(configured)).not.toContain("y".repeat(40));
  });
});
