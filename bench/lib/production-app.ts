import path from "node:path";
import { createE2eDatabase, type E2eDatabase } from "../../tests/e2e/support/database";
import { buildApp, productionBuildEnv } from "../../tests/e2e/support/next-build";
import { freePort, startProcess, waitForHttp, type ManagedProcess } from "../../tests/e2e/support/processes";
import { benchRoot } from "./environment";

export interface ProductionApp {
  url: string;
  env: Record<string, string>;
  proc: ManagedProcess;
  sync(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The product's production build (`next build` into .next-e2e, reused while fresh, as the e2e suite
 * does) started with `next start` against the given Dev Server and a fresh database. Not synced:
 * call `sync()` to register its functions, so a suite can measure with and without them.
 */
export async function startProductionApp(devServerUrl: string, extraEnv: Record<string, string> = {}): Promise<ProductionApp> {
  const root = path.resolve(benchRoot, "..");
  const logDir = path.join(root, "test-results", "bench");
  buildApp(root, path.join(logDir, "next-build.log"));
  const database: E2eDatabase = await createE2eDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { NODE_ENV: _ignored, DATABASE_URL: _base, ...inherited } = process.env;
  const env: Record<string, string> = { ...database.env, ...productionBuildEnv({ appUrl: url, devServerUrl }), ...extraEnv };
  const proc = startProcess({
    name: "bench-app",
    command: path.join(root, "node_modules/.bin/next"),
    args: ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    cwd: root,
    env: { ...inherited, ...env },
    logDir,
  });
  try {
    await waitForHttp(`${url}/api/inngest`, proc, 120_000);
  } catch (error) {
    await proc.stop();
    await database.drop();
    throw error;
  }
  return {
    url,
    env,
    proc,
    async sync() {
      const res = await fetch(`${url}/api/inngest`, { method: "PUT" });
      if (!res.ok) throw new Error(`syncing the app with the Dev Server failed: ${res.status} ${await res.text()}`);
    },
    async stop() {
      await proc.stop();
      await database.drop();
    },
  };
}
