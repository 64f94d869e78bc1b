import path from "node:path";
import type { TestProject } from "vitest/node";
import { resolveDevServerBinary } from "../../../scripts/inngest-dev-server.mjs";
import { SDK_SIGNING_KEY_PREFIX, appEnv, type SelfhostConfig } from "../../../scripts/lib/selfhost-config.mjs";
import { prepareAppBuild, startAppUnderTest, syncApp } from "./app-under-test";
import { resolveBrowser } from "./browser";
import { createE2eDatabase } from "./database";
import type { EngineUnderTest } from "./engine";
import { E2E_DIST_DIR, e2eAppBaseEnv } from "./next-build";
import type { ManagedProcess } from "./processes";
import { createEngineStores, generateEngineKeys, startEngineNode } from "./selfhost-engine";

const root = path.resolve(import.meta.dirname, "../../..");
const logDir = path.join(root, "test-results", "e2e-selfhost");

// The engine's Redis keys have fixed prefixes: an index no one else here uses (start:selfhost 1, benches 13).
const E2E_REDIS_DB = 12;
// As on the Dev Server profile: linear 1 s retries, so the retry tests do not wait out the backoff.
const NODE_FLAGS = ["--retry-interval", "1"];
// Fewer Postgres connections than a production node's 30: the `e2e` profile, the integration tests
// and the app share one server (max_connections is 100 by default) during `npm test`.
const NODE_PG_CONNS = { open: 10, idle: 2 };

/**
 * The `e2e-selfhost` profile: the same production build as `e2e`, in cloud mode (signed both ways),
 * against two `inngest start` nodes sharing one fresh Postgres database and one flushed Redis DB
 * index. The app syncs with and sends its events to node B; tests send theirs to node A. Everything
 * is stopped and both engine stores dropped afterwards, also when tests fail.
 */
export default async function setup(project: TestProject) {
  const started: ManagedProcess[] = [];
  const database = await createE2eDatabase();
  let stores: Awaited<ReturnType<typeof createEngineStores>> | undefined;
  const teardown = async () => {
    // Newest first: the app, then node B, then node A.
    for (const proc of started.reverse()) await proc.stop();
    await stores?.drop();
    await database.drop();
  };
  try {
    const browser = await resolveBrowser();
    project.provide("browser", browser);
    const bin = await resolveDevServerBinary({ log: (line) => console.info(line) });
    await prepareAppBuild(root, logDir);

    stores = await createEngineStores({ label: "e2e", redisDb: E2E_REDIS_DB });
    const keys = generateEngineKeys();
    const node = async (name: string) => {
      const engineNode = await startEngineNode({ name, bin, stores: stores!, keys, logDir, extraArgs: NODE_FLAGS, postgresConns: NODE_PG_CONNS });
      started.push(engineNode.proc);
      return engineNode;
    };
    // One after the other: each node migrates the shared database at boot, without a lock.
    const nodeA = await node("engine-node-a");
    const nodeB = await node("engine-node-b");

    const sdkSigningKey = `${SDK_SIGNING_KEY_PREFIX}${keys.signingKey}`;
    const app = await startAppUnderTest({
      root,
      logDir,
      database,
      engineEnv: (appUrl) => {
        const base = e2eAppBaseEnv({ appUrl });
        const config = {
          distDir: E2E_DIST_DIR,
          appUrl,
          engineUrl: nodeB.url,
          secrets: { INNGEST_SIGNING_KEY: keys.signingKey, INNGEST_EVENT_KEY: keys.eventKey, BETTER_AUTH_SECRET: base.BETTER_AUTH_SECRET!, ENCRYPTION_KEY: base.ENCRYPTION_KEY! },
        } as SelfhostConfig;
        // start:selfhost's app env (INNGEST_DEV=0, INNGEST_BASE_URL = node B, both keys) over the harness's.
        return appEnv(base, config);
      },
    });
    started.push(app.proc);
    await syncApp(app.url);

    const engine: EngineUnderTest = {
      profile: "selfhost",
      eventUrl: `${nodeA.url}/e/${keys.eventKey}`,
      gqlUrl: nodeB.url,
      apiToken: sdkSigningKey,
      nodes: { a: { url: nodeA.url, pid: nodeA.proc.child.pid! }, b: { url: nodeB.url, pid: nodeB.proc.child.pid! } },
    };
    project.provide("appUrl", app.url);
    project.provide("devServerUrl", nodeB.url);
    project.provide("engine", engine);
    project.provide("databaseUrl", database.url);
    project.provide("dataDir", path.resolve(root, database.env.DATA_DIR ?? ".data"));
    console.info(`[e2e-selfhost] app ${app.url} · node A ${nodeA.url} · node B ${nodeB.url} · logs ${logDir}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
