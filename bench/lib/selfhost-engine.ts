/**
 * A fresh self-hosted engine for benches: one `inngest start` node (the binary the Dev Server uses)
 * on a throwaway Postgres database and a flushed Redis DB index, with generated keys, started with
 * the same flags as `npm run start:selfhost` (scripts/lib/selfhost-config.mjs). `serve` registers a
 * bench app in cloud mode (signed both ways) and returns its client.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { Inngest, type InngestFunction } from "inngest";
import { createServer } from "inngest/node";
import postgres from "postgres";
import { resolveDevServerBinary } from "../../scripts/inngest-dev-server.mjs";
import { SDK_SIGNING_KEY_PREFIX, engineArgs, engineEnv, type SelfhostConfig } from "../../scripts/lib/selfhost-config.mjs";
import { freePort, startProcess, waitForHttp } from "../../tests/e2e/support/processes";
import { benchRoot, listen } from "./environment";

// An index no other installation here uses (npm run start:selfhost defaults to 1).
const BENCH_REDIS_DB = 13;

function flushRedisDb(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(6379, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.split("\r\n").filter((l) => l.startsWith("+") || l.startsWith("-")).length >= 2) {
        socket.end();
        return answer.includes("-ERR") ? reject(new Error(`redis: ${answer.trim()}`)) : resolve();
      }
    });
    socket.on("error", reject);
    socket.write(`SELECT ${index}\r\nFLUSHDB\r\n`);
  });
}

export async function startSelfhostEngine() {
  const name = `aigency_bench_engine_${process.pid}_${Date.now()}`;
  const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await flushRedisDb(BENCH_REDIS_DB);
  const signingKey = randomBytes(32).toString("hex");
  const eventKey = randomBytes(16).toString("hex");
  const enginePort = await freePort();
  const config = {
    secrets: { INNGEST_SIGNING_KEY: signingKey, INNGEST_EVENT_KEY: eventKey },
    enginePort,
    postgresUrl: new URL(`postgres://postgres@127.0.0.1:5432/${name}`),
    redisUrl: new URL(`redis://127.0.0.1:6379/${BENCH_REDIS_DB}`),
  } as SelfhostConfig;
  const bin = await resolveDevServerBinary({ log: (line) => console.info(line) });
  const proc = startProcess({ name: "bench-selfhost-engine", command: bin, args: engineArgs(config), env: engineEnv(process.env), logDir: path.join(benchRoot, "..", "test-results", "bench") });
  const url = `http://127.0.0.1:${enginePort}`;
  await waitForHttp(`${url}/health`, proc);
  const servers: http.Server[] = [];

  /** Serves `functions` of a cloud-mode client against this engine and syncs them. */
  async function serve(build: (client: Inngest.Any) => InngestFunction.Any[]) {
    const client = new Inngest({ id: "aigency-bench-selfhost", isDev: false, baseUrl: url, eventKey, signingKey: `${SDK_SIGNING_KEY_PREFIX}${signingKey}` });
    const server = createServer({ client, functions: build(client) });
    servers.push(server);
    const port = await listen(server);
    const sync = await fetch(`http://127.0.0.1:${port}/api/inngest`, { method: "PUT" });
    if (!sync.ok) throw new Error(`bench app sync with the self-hosted engine failed: ${sync.status} ${await sync.text()}`);
    return client;
  }

  return {
    url,
    /** The keys an app in cloud mode uses against this engine (the SDK's form of the signing key). */
    keys: { signingKey: `${SDK_SIGNING_KEY_PREFIX}${signingKey}`, eventKey },
    serve,
    stop: async () => {
      for (const s of servers) s.close();
      await proc.stop();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await flushRedisDb(BENCH_REDIS_DB);
    },
  };
}
