/**
 * Throwaway self-hosted engines (`inngest start`, the Dev Server's binary) for the e2e selfhost
 * profile and the benches: a fresh Postgres database, a flushed Redis DB index, generated keys, and
 * nodes started with the same flags as `npm run start:selfhost` (scripts/lib/selfhost-config.mjs).
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import postgres from "postgres";
import { engineArgs, engineEnv, enginePostgresConns, type EnginePostgresConns, type SelfhostConfig } from "../../../scripts/lib/selfhost-config.mjs";
import { flushRedisDb } from "../../../scripts/lib/selfhost-stores.mjs";
import { freePort, startProcess, waitForHttp, type ManagedProcess } from "./processes";

/** The server's maintenance database: DATABASE_URL's server when set (as in CI), else the local default. */
function adminUrl(): URL {
  const url = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url;
}

export interface EngineStores {
  postgresUrl: URL;
  redisUrl: URL;
  /** Drops the database and flushes the Redis DB index again. */
  drop(): Promise<void>;
}

/**
 * A new engine database and an emptied Redis DB index. The index must be one nobody else uses: the
 * engine's Redis keys have fixed prefixes (start:selfhost 1, e2e 12, benches 13).
 */
export async function createEngineStores(opts: { label: string; redisDb: number }): Promise<EngineStores> {
  const name = `aigency_${opts.label}_engine_${process.pid}_${Date.now().toString(36)}`;
  const admin = adminUrl();
  const redisUrl = new URL(`redis://127.0.0.1:6379/${opts.redisDb}`);
  const needs = `the self-hosted engine needs Postgres (${admin.host}) and Redis (${redisUrl.host}) running`;
  // Redis first: flushing changes nothing of ours, so a refusal there leaves no database behind.
  await flushRedisDb(redisUrl).catch((error: Error) => Promise.reject(new Error(`${needs}: ${error.message}`)));
  const sql = postgres(admin.href, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new Error(`${needs}: creating its database failed (${(error as Error).message})`);
  } finally {
    await sql.end();
  }
  const postgresUrl = new URL(admin.href);
  postgresUrl.pathname = `/${name}`;
  return {
    postgresUrl,
    redisUrl,
    drop: async () => {
      const sql = postgres(admin.href, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end();
      }
      await flushRedisDb(redisUrl);
    },
  };
}

/** The engine's keys: the signing key as bare hex (the engine refuses the `signkey-` prefix), one event key. */
export function generateEngineKeys() {
  return { signingKey: randomBytes(32).toString("hex"), eventKey: randomBytes(16).toString("hex") };
}

export type EngineKeys = ReturnType<typeof generateEngineKeys>;

/** A free API port whose next three (the node's Connect ports, as engineArgs assigns them) are free too. */
export async function freeEnginePort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 3 > 65535) continue;
    const taken = await Promise.all([1, 2, 3].map((offset) => isTaken(port + offset)));
    if (!taken.some(Boolean)) return port;
  }
}

function isTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

export interface EngineNode {
  url: string;
  proc: ManagedProcess;
}

/**
 * One `inngest start` node on `stores`, answering /health before this resolves. Nodes of one
 * installation share stores and keys; start them one at a time (the engine migrates at boot without
 * a lock). `extraArgs` are test-speed flags (e.g. `--retry-interval 1`); `postgresConns` defaults to
 * what `npm run start:selfhost` gives a node.
 */
export async function startEngineNode(opts: {
  name: string;
  bin: string;
  stores: EngineStores;
  keys: EngineKeys;
  logDir: string;
  extraArgs?: string[];
  postgresConns?: EnginePostgresConns;
}): Promise<EngineNode> {
  const enginePort = await freeEnginePort();
  const config = {
    secrets: { INNGEST_SIGNING_KEY: opts.keys.signingKey, INNGEST_EVENT_KEY: opts.keys.eventKey },
    enginePort,
    postgresUrl: opts.stores.postgresUrl,
    postgresConns: opts.postgresConns ?? enginePostgresConns({}),
    redisUrl: opts.stores.redisUrl,
  } as SelfhostConfig;
  const proc = startProcess({
    name: opts.name,
    command: opts.bin,
    args: [...engineArgs(config), ...(opts.extraArgs ?? [])],
    env: engineEnv(process.env),
    logDir: opts.logDir,
  });
  const url = `http://127.0.0.1:${enginePort}`;
  try {
    await waitForHttp(`${url}/health`, proc, 120_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, proc };
}
