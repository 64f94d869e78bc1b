/**
 * The configuration `npm run start:selfhost` runs with, checked before anything starts: each
 * problem becomes one SelfhostConfigError whose message is the line the user reads.
 *
 * The engine (`inngest start`) wants its signing key as bare, even-length hex (it refuses the
 * `signkey-…` prefix) and at least one event key; the SDK gets the same key as `signkey-prod-<hex>`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class SelfhostConfigError extends Error {}

const MAKE_KEY = "make one with `openssl rand -hex 32`";
export const SDK_SIGNING_KEY_PREFIX = "signkey-prod-";

/** Why `key` is not a signing key the engine accepts, or undefined when it is. */
export function signingKeyProblem(key) {
  if (/^signkey-/.test(key)) return `INNGEST_SIGNING_KEY must be the bare hex key, without the "signkey-…" prefix (the engine refuses it); ${MAKE_KEY}`;
  if (!/^[0-9a-fA-F]+$/.test(key)) return `INNGEST_SIGNING_KEY must be hexadecimal (0-9, a-f); ${MAKE_KEY}`;
  if (key.length % 2 !== 0) return `INNGEST_SIGNING_KEY must have an even number of hex characters (it has ${key.length}); ${MAKE_KEY}`;
  if (key.length < 32) return `INNGEST_SIGNING_KEY is too short (${key.length} hex characters, at least 32); ${MAKE_KEY}`;
  return undefined;
}

/** host:port of a connection URL, never its credentials. */
export function describeServer(url) {
  return `${url.hostname}:${url.port || (url.protocol.startsWith("redis") ? "6379" : "5432")}`;
}

function parseUrl(name, value, protocols) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new SelfhostConfigError(`${name} is not a URL (expected ${protocols[0]}//host:port/…)`);
  }
  if (!protocols.includes(url.protocol)) throw new SelfhostConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(" or ")}`);
  return url;
}

/** The engine's own database: INNGEST_POSTGRES_URL, or DATABASE_URL's server with `<database>_inngest`. */
export function enginePostgresUrl(env) {
  if (env.INNGEST_POSTGRES_URL) return parseUrl("INNGEST_POSTGRES_URL", env.INNGEST_POSTGRES_URL, ["postgres:", "postgresql:"]);
  if (!env.DATABASE_URL) throw new SelfhostConfigError("set DATABASE_URL (the app's Postgres) or INNGEST_POSTGRES_URL (the engine's): the self-hosted engine keeps its history in Postgres");
  const url = parseUrl("DATABASE_URL", env.DATABASE_URL, ["postgres:", "postgresql:"]);
  const appDatabase = decodeURIComponent(url.pathname.slice(1)) || "postgres";
  url.pathname = `/${appDatabase}_inngest`;
  return url;
}

/** The engine's Redis: INNGEST_REDIS_URL as given, or REDIS_URL (default local) on DB index INNGEST_REDIS_DB (default 1). */
export function engineRedisUrl(env) {
  if (env.INNGEST_REDIS_URL) return parseUrl("INNGEST_REDIS_URL", env.INNGEST_REDIS_URL, ["redis:", "rediss:"]);
  const url = parseUrl("REDIS_URL", env.REDIS_URL ?? "redis://127.0.0.1:6379", ["redis:", "rediss:"]);
  const index = env.INNGEST_REDIS_DB ?? "1";
  if (!/^\d{1,2}$/.test(index)) throw new SelfhostConfigError(`INNGEST_REDIS_DB must be a Redis database index such as 1 (got "${index}")`);
  url.pathname = `/${index}`;
  return url;
}

// The engine's own default is 100 open connections per node: Postgres's whole default max_connections,
// so one busy node refused the app and the other nodes ("too many clients", runs never scheduled).
const DEFAULT_ENGINE_PG_CONNS = 30;

/** Open connections each engine node may hold (INNGEST_POSTGRES_MAX_CONNS, default 30), and its idle share. */
export function enginePostgresConns(env) {
  const value = env.INNGEST_POSTGRES_MAX_CONNS ?? String(DEFAULT_ENGINE_PG_CONNS);
  const open = Number(value);
  if (!/^\d+$/.test(value) || open < 2 || open > 1000) throw new SelfhostConfigError(`INNGEST_POSTGRES_MAX_CONNS must be a whole number from 2 to 1000 (got "${value}")`);
  return { open, idle: Math.max(1, Math.min(5, Math.floor(open / 4))) };
}

function port(name, value, fallback, max = 65535) {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new SelfhostConfigError(`${name} must be a port number (got "${value}")`);
  return n;
}

/**
 * Development keeps generated secrets in the data dir, so a restart keeps the engine's keys (and the
 * app's sessions); production never makes one up.
 */
function loadOrCreateDevSecrets(file) {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const secrets = {
    INNGEST_SIGNING_KEY: crypto.randomBytes(32).toString("hex"),
    INNGEST_EVENT_KEY: crypto.randomBytes(16).toString("hex"),
    BETTER_AUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

const SECRETS = ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "BETTER_AUTH_SECRET", "ENCRYPTION_KEY"];

/** Everything the start script needs, or a SelfhostConfigError naming the first problem. */
export function resolveSelfhostConfig(env, { root }) {
  const production = env.NODE_ENV === "production";
  const dataDir = path.resolve(root, env.DATA_DIR ?? ".data");
  const secretsFile = path.join(dataDir, "selfhost", "secrets.json");
  const missing = SECRETS.filter((name) => !env[name]);
  if (production && missing.length) throw new SelfhostConfigError(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required in production (NODE_ENV=production): the Inngest keys from \`openssl rand -hex 32\`, ENCRYPTION_KEY from \`openssl rand -base64 32\``);
  if (env.INNGEST_SIGNING_KEY) {
    const problem = signingKeyProblem(env.INNGEST_SIGNING_KEY);
    if (problem) throw new SelfhostConfigError(problem);
  }
  if (env.INNGEST_EVENT_KEY !== undefined && !env.INNGEST_EVENT_KEY.trim()) throw new SelfhostConfigError("INNGEST_EVENT_KEY is empty; the engine needs at least one event key");
  const postgresUrl = enginePostgresUrl(env);
  const postgresConns = enginePostgresConns(env);
  const redisUrl = engineRedisUrl(env);
  const generated = missing.length ? loadOrCreateDevSecrets(secretsFile) : {};
  const secrets = Object.fromEntries(SECRETS.map((name) => [name, env[name] ?? generated[name]]));
  const appPort = port("PORT", env.PORT, 3000);
  const enginePort = port("SELFHOST_ENGINE_PORT", env.SELFHOST_ENGINE_PORT, 8288, 65532);
  return {
    production,
    secrets,
    generatedSecretsFile: missing.length ? secretsFile : undefined,
    postgresUrl,
    postgresConns,
    redisUrl,
    appPort,
    enginePort,
    appUrl: env.APP_URL ?? `http://localhost:${appPort}`,
    engineUrl: `http://127.0.0.1:${enginePort}`,
    distDir: env.SELFHOST_DIST_DIR ?? ".next-selfhost",
  };
}

/**
 * `inngest start`'s arguments: keys and stores as flags. Its Connect ports follow its API port
 * (8288 → 8289-8291), so a second installation on the same host needs only SELFHOST_ENGINE_PORT.
 */
export function engineArgs(config) {
  const port = config.enginePort;
  return [
    "start",
    "--port", String(port),
    "--connect-gateway-port", String(port + 1),
    "--connect-gateway-grpc-port", String(port + 2),
    "--connect-executor-grpc-port", String(port + 3),
    "--signing-key", config.secrets.INNGEST_SIGNING_KEY,
    "--event-key", config.secrets.INNGEST_EVENT_KEY,
    "--postgres-uri", config.postgresUrl.href,
    "--postgres-max-open-conns", String(config.postgresConns.open),
    "--postgres-max-idle-conns", String(config.postgresConns.idle),
    "--redis-uri", config.redisUrl.href,
  ];
}

/**
 * The engine reads every INNGEST_* variable as one of its flags (INNGEST_SIGNING_KEY → --signing-key),
 * and the app's variables of those names mean other things: it gets none of them. Key queues (one
 * backlog per concurrency/throttle key) are on, as on every Dev Server the tests run: the product's
 * per-account and per-organization flow control is tested with them, and without them one flooding key
 * holds every other key of the function behind it (bench/results/scale.json, fairness).
 */
export function engineEnv(env) {
  const inherited = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("INNGEST_")));
  return { ...inherited, DO_NOT_TRACK: "1", EXPERIMENTAL_KEY_QUEUES_ENABLE: "true" };
}

/** `next start` in cloud mode against the self-hosted engine. */
export function appEnv(env, config) {
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: config.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: config.appUrl,
    BETTER_AUTH_SECRET: config.secrets.BETTER_AUTH_SECRET,
    ENCRYPTION_KEY: config.secrets.ENCRYPTION_KEY,
    INNGEST_DEV: "0",
    INNGEST_BASE_URL: config.engineUrl,
    INNGEST_EVENT_KEY: config.secrets.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: `${SDK_SIGNING_KEY_PREFIX}${config.secrets.INNGEST_SIGNING_KEY}`,
    INNGEST_SERVE_ORIGIN: config.appUrl,
  };
}
