/**
 * A fresh self-hosted engine for benches: one `inngest start` node (the binary the Dev Server uses)
 * on a throwaway Postgres database and a flushed Redis DB index, with generated keys, started with
 * the same flags as `npm run start:selfhost` (tests/e2e/support/selfhost-engine.ts, shared with the
 * e2e selfhost profile). `serve` registers a bench app in cloud mode (signed both ways) and returns its client.
 */
import http from "node:http";
import path from "node:path";
import { Inngest, type InngestFunction } from "inngest";
import { createServer } from "inngest/node";
import { resolveDevServerBinary } from "../../scripts/inngest-dev-server.mjs";
import { SDK_SIGNING_KEY_PREFIX } from "../../scripts/lib/selfhost-config.mjs";
import { createEngineStores, generateEngineKeys, startEngineNode } from "../../tests/e2e/support/selfhost-engine";
import { benchRoot, listen } from "./environment";

// An index no other installation here uses (npm run start:selfhost defaults to 1, the e2e selfhost profile 12).
const BENCH_REDIS_DB = 13;

export async function startSelfhostEngine() {
  const stores = await createEngineStores({ label: "bench", redisDb: BENCH_REDIS_DB });
  const keys = generateEngineKeys();
  const bin = await resolveDevServerBinary({ log: (line) => console.info(line) });
  const { url, proc } = await startEngineNode({ name: "bench-selfhost-engine", bin, stores, keys, logDir: path.join(benchRoot, "..", "test-results", "bench") }).catch(async (error: unknown) => {
    await stores.drop();
    throw error;
  });
  const servers: http.Server[] = [];
  const sdkKeys = { eventKey: keys.eventKey, signingKey: `${SDK_SIGNING_KEY_PREFIX}${keys.signingKey}` };

  /** Serves `functions` of a cloud-mode client against this engine and syncs them. */
  async function serve(build: (client: Inngest.Any) => InngestFunction.Any[]) {
    const client = new Inngest({ id: "aigency-bench-selfhost", isDev: false, baseUrl: url, ...sdkKeys });
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
    keys: sdkKeys,
    serve,
    stop: async () => {
      for (const s of servers) s.close();
      await proc.stop();
      await stores.drop();
    },
  };
}
