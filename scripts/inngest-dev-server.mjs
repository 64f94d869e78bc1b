#!/usr/bin/env node
/**
 * Finds the Inngest Dev Server binary, building it from the pinned Go module when nothing else is
 * available (these machines reach no download host, so the inngest-cli postinstall cannot fetch it).
 *
 * Order: INNGEST_DEV_SERVER_BIN → the inngest-cli optional dependency's binary → a cached build under
 * ${XDG_CACHE_HOME:-~/.cache}/aigency/inngest-dev-server/<version>/ (or INNGEST_DEV_SERVER_CACHE_DIR)
 * whose marker names the current build id → build (web UI included) into that cache.
 *
 * CLI: `node scripts/inngest-dev-server.mjs --print-path` prints the path;
 *      `node scripts/inngest-dev-server.mjs [flags]` runs `inngest dev [flags]`.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { acquireBuildLock } from "./lib/build-lock.mjs";
import { buildDevServer } from "./lib/build-dev-server.mjs";
import { cachedBinaryVerdict, DEV_SERVER_BUILD_ID, readBuildId, writeBuildMarker } from "./lib/dev-server-cache.mjs";

const run = promisify(execFile);

/** Kept equal to package.json optionalDependencies["inngest-cli"]: one server version everywhere. */
export const DEV_SERVER_VERSION = "1.43.0";

/**
 * The environment every Dev Server we start gets (npm run dev, the e2e suite, the benches).
 * DO_NOT_TRACK silences its telemetry. EXPERIMENTAL_KEY_QUEUES_ENABLE turns on the queue's key
 * queues (a backlog per concurrency key, refilled fairly, as Inngest Cloud schedules): without them
 * one organization's backlog of agent jobs sits ahead of another's in the function's one queue and
 * the small organization waits behind it (bench agent-tasks: 8.7× its idle wait, 2.0× with them).
 */
export const DEV_SERVER_ENV = { DO_NOT_TRACK: "1", EXPERIMENTAL_KEY_QUEUES_ENABLE: "true" };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** INNGEST_DEV_SERVER_CACHE_DIR replaces the whole directory, e.g. to try a build beside the usual one. */
export function devServerCacheDir(version = DEV_SERVER_VERSION) {
  if (process.env.INNGEST_DEV_SERVER_CACHE_DIR) return path.resolve(process.env.INNGEST_DEV_SERVER_CACHE_DIR);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cacheHome, "aigency", "inngest-dev-server", version);
}

/** A binary counts only if it starts and reports a version (the npm stub without its download exits 1). */
async function isRunnable(bin) {
  if (!bin || !fs.existsSync(bin)) return false;
  try {
    const { stdout } = await run(bin, ["version"], { timeout: 15_000 });
    return /\d+\.\d+\.\d+/.test(stdout);
  } catch {
    return false;
  }
}

function npmPackageBinary() {
  const file = path.join(repoRoot, "node_modules", "inngest-cli", "bin", process.platform === "win32" ? "inngest.exe" : "inngest");
  return fs.existsSync(file) ? file : undefined;
}

/**
 * Returns an absolute path to a runnable Dev Server binary, building one (minutes, once per
 * version) if needed. Throws with install instructions when that is impossible.
 */
export async function resolveDevServerBinary({ log = (line) => console.error(line) } = {}) {
  const fromEnv = process.env.INNGEST_DEV_SERVER_BIN;
  if (fromEnv) {
    if (await isRunnable(fromEnv)) return path.resolve(fromEnv);
    throw new Error(`INNGEST_DEV_SERVER_BIN=${fromEnv} is not a runnable Inngest binary (\`${fromEnv} version\` failed).`);
  }
  const fromNpm = npmPackageBinary();
  if (await isRunnable(fromNpm)) return fromNpm;

  return cachedOrBuilt({ cacheDir: devServerCacheDir(), log });
}

/**
 * The binary cached in `cacheDir` when its marker names the current build id; otherwise builds it
 * there (under a lock, saying why) and writes the marker, so an outdated binary is rebuilt once.
 */
export async function cachedOrBuilt({ cacheDir, log, build = buildDevServer }) {
  const cached = path.join(cacheDir, "inngest");
  const verdict = async () => cachedBinaryVerdict({ binary: cached, runnable: await isRunnable(cached), buildId: readBuildId(cached) });
  if ((await verdict()).use) return cached;

  fs.mkdirSync(cacheDir, { recursive: true });
  const release = await acquireBuildLock(path.join(cacheDir, "build.lock"), { log });
  try {
    // Another process may have finished the build while we waited for the lock.
    const found = await verdict();
    if (found.use) return cached;
    log(`[inngest-dev-server] ${found.reason}`);
    log(`[inngest-dev-server] building Inngest Dev Server v${DEV_SERVER_VERSION} with its web UI from source into ${cacheDir}`);
    await build({ version: DEV_SERVER_VERSION, cacheDir, output: cached, log });
    if (!(await isRunnable(cached))) throw new Error(`the build finished but ${cached} does not run`);
    writeBuildMarker(cached, DEV_SERVER_BUILD_ID);
    log(`[inngest-dev-server] built ${cached} (build ${DEV_SERVER_BUILD_ID})`);
    return cached;
  } finally {
    release();
  }
}

async function main(argv) {
  const bin = await resolveDevServerBinary();
  if (argv.includes("--print-path")) {
    console.log(bin);
    return;
  }
  const child = spawn(bin, ["dev", ...argv], { stdio: "inherit", env: { ...process.env, ...DEV_SERVER_ENV } });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`[inngest-dev-server] ${error.message}`);
    process.exit(1);
  });
}
