/**
 * The app both e2e profiles test: the `.next-e2e` production build started with `next start` on a
 * free port against a fresh database, with the harness's settings. Only the engine part of its env
 * differs between profiles (Dev Server, or `inngest start` nodes in cloud mode).
 */
import fs from "node:fs";
import path from "node:path";
import { acquireBuildLock } from "../../../scripts/lib/build-lock.mjs";
import type { E2eDatabase } from "./database";
import { E2E_DIST_DIR, buildApp } from "./next-build";
import { E2E_NPM_CACHE_DIR } from "./npm-cache";
import { freePort, startProcess, waitForHttp, type ManagedProcess } from "./processes";

// Short enough that the timeout-path test finishes quickly, long enough for the approval tests to answer.
export const E2E_PLAN_REMINDER_AFTER = "6s";
export const E2E_PLAN_APPROVAL_TIMEOUT = "20s";

export interface AppUnderTest {
  url: string;
  proc: ManagedProcess;
}

/**
 * Builds the app when its build is stale. The lock keeps two processes (`test:e2e` and
 * `test:e2e:selfhost` started side by side) from writing `.next-e2e` at once; whoever waited finds it fresh.
 */
export async function prepareAppBuild(root: string, logDir: string): Promise<void> {
  const lockFile = path.join(root, "test-results", "next-e2e-build.lock");
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const release = await acquireBuildLock(lockFile, { log: (line) => console.info(line), tag: "[e2e]", what: E2E_DIST_DIR });
  try {
    buildApp(root, path.join(logDir, "next-build.log"));
  } finally {
    release();
  }
}

/**
 * Starts the app once its build is fresh. `engineEnv(appUrl)` gives the engine settings (and with
 * them NEXT_DIST_DIR, APP_URL and secrets); the harness's own settings are added here.
 */
export async function startAppUnderTest(opts: {
  root: string;
  logDir: string;
  database: E2eDatabase;
  engineEnv: (appUrl: string) => Record<string, string | undefined>;
  name?: string;
}): Promise<AppUnderTest> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { NODE_ENV: _ignored, DATABASE_URL: _base, ...inherited } = process.env;
  const proc = startProcess({
    name: opts.name ?? "app",
    command: path.join(opts.root, "node_modules/.bin/next"),
    args: ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    cwd: opts.root,
    env: {
      ...inherited,
      ...opts.database.env,
      ...opts.engineEnv(url),
      PLAN_REMINDER_AFTER: E2E_PLAN_REMINDER_AFTER,
      PLAN_APPROVAL_TIMEOUT: E2E_PLAN_APPROVAL_TIMEOUT,
      // The monitoring journey expects its weak ad found and paused: no random review flags in it.
      // Reviews arrive in the e2e webhook tests through the sample control, on purpose.
      SIMULATED_REVIEW_ONE_DAY_IN: "0",
      // Generated apps' npm install in the sandbox reuses the cache the E2E keeps across runs.
      APPGEN_NPM_CACHE_DIR: E2E_NPM_CACHE_DIR,
    },
    logDir: opts.logDir,
  });
  try {
    // Not /api/inngest: in cloud mode the SDK refuses (and logs) every unsigned probe of it.
    await waitForHttp(`${url}/api/status`, proc, 120_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, proc };
}

/** PUT /api/inngest: the app registers its functions with its engine (signing the request itself in cloud mode). */
export async function syncApp(appUrl: string): Promise<void> {
  const res = await fetch(`${appUrl}/api/inngest`, { method: "PUT" });
  const body = await res.text();
  if (!res.ok) throw new Error(`syncing the app with its engine failed: ${res.status} ${body}`);
}
