import path from "node:path";
import type { TestProject } from "vitest/node";
import { DEV_SERVER_ENV, resolveDevServerBinary } from "../../../scripts/inngest-dev-server.mjs";
import { resolveBrowser, type BrowserChoice } from "./browser";
import { createE2eDatabase } from "./database";
import { E2E_NPM_CACHE_DIR } from "./npm-cache";
import { buildApp, productionBuildEnv } from "./next-build";
import { freePort, startProcess, waitForHttp, type ManagedProcess } from "./processes";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    devServerUrl: string;
    databaseUrl: string | undefined;
    /** The app's DATA_DIR, absolute: its local storage and sandbox templates live under it. */
    dataDir: string;
    browser: BrowserChoice;
  }
}

const root = path.resolve(import.meta.dirname, "../../..");
const logDir = path.join(root, "test-results", "e2e");

// Short enough that the timeout-path test finishes quickly, long enough for the approval tests to answer.
export const E2E_PLAN_REMINDER_AFTER = "6s";
export const E2E_PLAN_APPROVAL_TIMEOUT = "20s";

/**
 * Starts the real Inngest Dev Server and a production build of the app against a fresh database,
 * syncs them, and stops both afterwards (also when tests fail). No binary → throw: CI must fail.
 */
export default async function setup(project: TestProject) {
  const started: ManagedProcess[] = [];
  const database = await createE2eDatabase();
  const teardown = async () => {
    await Promise.all(started.map((proc) => proc.stop()));
    await database.drop();
  };
  try {
    // First, so a missing browser fails the suite in seconds rather than after the build.
    const browser = await resolveBrowser();
    console.info(`[e2e] browser: ${browser.description}`);
    project.provide("browser", browser);
    const bin = await resolveDevServerBinary({ log: (line) => console.info(line) });
    buildApp(root, path.join(logDir, "next-build.log"));

    const [devPort, appPort, ...connectPorts] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
    const devServerUrl = `http://127.0.0.1:${devPort}`;
    const appUrl = `http://127.0.0.1:${appPort}`;
    const devServer = startProcess({
      name: "dev-server",
      command: bin,
      // Own connect ports too, so a developer's running `npm run dev` never collides with the suite.
      args: ["dev", "--no-discovery", "--no-poll", "--retry-interval", "1", "--tick", "10", "--port", String(devPort),
        "--connect-gateway-port", String(connectPorts[0]), "--connect-gateway-grpc-port", String(connectPorts[1]),
        "--connect-executor-grpc-port", String(connectPorts[2])],
      env: { ...process.env, ...DEV_SERVER_ENV },
      logDir,
    });
    started.push(devServer);

    const { NODE_ENV: _ignored, DATABASE_URL: _base, ...inherited } = process.env;
    const app = startProcess({
      name: "app",
      command: path.join(root, "node_modules/.bin/next"),
      args: ["start", "--port", String(appPort), "--hostname", "127.0.0.1"],
      cwd: root,
      env: {
        ...inherited,
        ...database.env,
        ...productionBuildEnv({ appUrl, devServerUrl }),
        PLAN_REMINDER_AFTER: E2E_PLAN_REMINDER_AFTER,
        PLAN_APPROVAL_TIMEOUT: E2E_PLAN_APPROVAL_TIMEOUT,
        // The monitoring journey expects its weak ad found and paused: no random review flags in it.
        // Reviews arrive in the e2e webhook tests through the sample control, on purpose.
        SIMULATED_REVIEW_ONE_DAY_IN: "0",
        // Generated apps' npm install in the sandbox reuses the cache the E2E keeps across runs.
        APPGEN_NPM_CACHE_DIR: E2E_NPM_CACHE_DIR,
      },
      logDir,
    });
    started.push(app);

    await waitForHttp(`${devServerUrl}/health`, devServer);
    await waitForHttp(`${appUrl}/api/inngest`, app, 120_000);
    await syncApp(appUrl);

    project.provide("appUrl", appUrl);
    project.provide("devServerUrl", devServerUrl);
    project.provide("databaseUrl", database.url);
    project.provide("dataDir", path.resolve(root, database.env.DATA_DIR ?? ".data"));
    console.info(`[e2e] app ${appUrl} · Dev Server ${devServerUrl} · logs ${logDir}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function syncApp(appUrl: string): Promise<void> {
  const res = await fetch(`${appUrl}/api/inngest`, { method: "PUT" });
  const body = await res.text();
  if (!res.ok) throw new Error(`syncing the app with the Dev Server failed: ${res.status} ${body}`);
}
