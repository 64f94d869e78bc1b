import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  SelfhostConfigError,
  appEnv,
  engineArgs,
  engineEnv,
  resolveSelfhostConfig,
  signingKeyProblem,
} from "../../../scripts/lib/selfhost-config.mjs";

const hex = "ab".repeat(32);
const tempDirs: string[] = [];
function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selfhost-config-"));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => tempDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://app:s3cret@db.internal:5433/aigency",
  INNGEST_SIGNING_KEY: hex,
  INNGEST_EVENT_KEY: "evt-1",
  BETTER_AUTH_SECRET: "s".repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function refusal(env: Record<string, string | undefined>): string {
  try {
    resolveSelfhostConfig(env, { root: tempRoot() });
  } catch (error) {
    if (error instanceof SelfhostConfigError) return error.message;
    throw error;
  }
  throw new Error("expected the configuration to be refused");
}

describe("the engine's signing key", () => {
  it("accepts even-length hex", () => expect(signingKeyProblem(hex)).toBeUndefined());

  it.each([
    [`signkey-prod-${hex}`, /without the "signkey-…" prefix/],
    [`${hex}a`, /even number of hex characters \(it has 65\)/],
    ["zz".repeat(32), /must be hexadecimal/],
    ["abcd", /too short/],
  ])("refuses %s and says how to make one", (key, reason) => {
    const message = refusal({ ...production, INNGEST_SIGNING_KEY: key });
    expect(message).toMatch(reason);
    expect(message).toContain("openssl rand -hex 32");
  });
});

describe("production", () => {
  it("refuses to start without the keys, naming each missing one", () => {
    const { INNGEST_SIGNING_KEY: _s, ENCRYPTION_KEY: _e, ...rest } = production;
    expect(refusal(rest)).toMatch(/^INNGEST_SIGNING_KEY, ENCRYPTION_KEY are required in production/);
    const { INNGEST_EVENT_KEY: _k, ...noEventKey } = production;
    expect(refusal(noEventKey)).toMatch(/^INNGEST_EVENT_KEY is required in production/);
  });

  it("never writes generated keys", () => {
    const root = tempRoot();
    const config = resolveSelfhostConfig(production, { root });
    expect(config.generatedSecretsFile).toBeUndefined();
    expect(fs.existsSync(path.join(root, ".data"))).toBe(false);
  });

  it("refuses an empty event key in development too", () => {
    expect(refusal({ DATABASE_URL: production.DATABASE_URL, INNGEST_EVENT_KEY: " " })).toMatch(/INNGEST_EVENT_KEY is empty/);
  });
});

describe("development", () => {
  it("generates the keys into the data dir once and reuses them", () => {
    const root = tempRoot();
    const env = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/aigency" };
    const first = resolveSelfhostConfig(env, { root });
    expect(first.generatedSecretsFile).toBe(path.join(root, ".data", "selfhost", "secrets.json"));
    expect(fs.statSync(first.generatedSecretsFile!).mode & 0o777).toBe(0o600);
    expect(signingKeyProblem(first.secrets.INNGEST_SIGNING_KEY)).toBeUndefined();
    expect(Buffer.from(first.secrets.ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(resolveSelfhostConfig(env, { root }).secrets).toEqual(first.secrets);
  });

  it("keeps a key that is set and generates only the missing ones", () => {
    const config = resolveSelfhostConfig({ DATABASE_URL: production.DATABASE_URL, INNGEST_SIGNING_KEY: hex }, { root: tempRoot() });
    expect(config.secrets.INNGEST_SIGNING_KEY).toBe(hex);
    expect(config.secrets.INNGEST_EVENT_KEY).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("the stores", () => {
  it("derives the engine's own database from DATABASE_URL, and prefers INNGEST_POSTGRES_URL", () => {
    const derived = resolveSelfhostConfig(production, { root: tempRoot() }).postgresUrl.href;
    expect(derived).toBe("postgres://app:s3cret@db.internal:5433/aigency_inngest");
    const explicit = resolveSelfhostConfig({ ...production, INNGEST_POSTGRES_URL: "postgresql://e@pg:5432/engine" }, { root: tempRoot() });
    expect(explicit.postgresUrl.href).toBe("postgresql://e@pg:5432/engine");
  });

  it("refuses without any Postgres, or with a URL that is not one", () => {
    const { DATABASE_URL: _d, ...noDatabase } = production;
    expect(refusal(noDatabase)).toMatch(/set DATABASE_URL .* or INNGEST_POSTGRES_URL/);
    expect(refusal({ ...production, DATABASE_URL: "mysql://x@y/z" })).toBe("DATABASE_URL must start with postgres:// or postgresql://");
  });

  it("puts the engine on its own Redis DB index (1 unless INNGEST_REDIS_DB says otherwise)", () => {
    expect(resolveSelfhostConfig(production, { root: tempRoot() }).redisUrl.href).toBe("redis://127.0.0.1:6379/1");
    const other = resolveSelfhostConfig({ ...production, REDIS_URL: "redis://:pw@cache:6380/0", INNGEST_REDIS_DB: "4" }, { root: tempRoot() });
    expect(other.redisUrl.href).toBe("redis://:pw@cache:6380/4");
    expect(refusal({ ...production, INNGEST_REDIS_DB: "one" })).toMatch(/INNGEST_REDIS_DB must be a Redis database index/);
  });
});

describe("what the engine and the app are started with", () => {
  const config = resolveSelfhostConfig({ ...production, SELFHOST_ENGINE_PORT: "9100", PORT: "4000" }, { root: "/srv/app" });

  it("gives the engine its keys and stores as flags, its Connect ports next to its API port", () => {
    const args = engineArgs(config);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(args[0]).toBe("start");
    expect(flag("--signing-key")).toBe(hex);
    expect(flag("--event-key")).toBe("evt-1");
    expect(flag("--postgres-uri")).toBe("postgres://app:s3cret@db.internal:5433/aigency_inngest");
    expect(flag("--redis-uri")).toBe("redis://127.0.0.1:6379/1");
    expect([flag("--port"), flag("--connect-gateway-port"), flag("--connect-gateway-grpc-port"), flag("--connect-executor-grpc-port")]).toEqual(["9100", "9101", "9102", "9103"]);
  });

  it("caps each node's Postgres connections (30 unless INNGEST_POSTGRES_MAX_CONNS says otherwise; the engine's own 100 is a whole server)", () => {
    const flags = (c: typeof config) => {
      const args = engineArgs(c);
      return [args[args.indexOf("--postgres-max-open-conns") + 1], args[args.indexOf("--postgres-max-idle-conns") + 1]];
    };
    expect(flags(config)).toEqual(["30", "5"]);
    expect(flags(resolveSelfhostConfig({ ...production, INNGEST_POSTGRES_MAX_CONNS: "8" }, { root: "/srv/app" }))).toEqual(["8", "2"]);
    for (const bad of ["0", "1", "ten", "-5", "2.5"]) {
      expect(refusal({ ...production, INNGEST_POSTGRES_MAX_CONNS: bad })).toMatch(/INNGEST_POSTGRES_MAX_CONNS must be a whole number from 2 to 1000/);
    }
  });

  it("hides the app's INNGEST_* variables from the engine (it would read them as flags) and silences its telemetry", () => {
    const env = engineEnv({ PATH: "/bin", INNGEST_DEV: "1", INNGEST_SIGNING_KEY: "signkey-prod-x" });
    expect(env).toEqual({ PATH: "/bin", DO_NOT_TRACK: "1", EXPERIMENTAL_KEY_QUEUES_ENABLE: "true" });
  });

  it("runs the app in cloud mode against the engine, with the SDK's prefixed signing key", () => {
    const env = appEnv({ PATH: "/bin", INNGEST_DEV: "1" }, config);
    expect(env).toMatchObject({
      NODE_ENV: "production",
      INNGEST_DEV: "0",
      INNGEST_BASE_URL: "http://127.0.0.1:9100",
      INNGEST_SIGNING_KEY: `signkey-prod-${hex}`,
      INNGEST_EVENT_KEY: "evt-1",
      INNGEST_SERVE_ORIGIN: "http://localhost:4000",
      APP_URL: "http://localhost:4000",
      NEXT_DIST_DIR: ".next-selfhost",
    });
  });
});
