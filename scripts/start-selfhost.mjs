#!/usr/bin/env node
/**
 * `npm run start:selfhost`: the app on the self-hosted Inngest engine. Checks the configuration and
 * the stores first (one line and exit 1 on the first problem), creates the engine's Postgres database
 * if missing, starts `inngest start` (the Dev Server's binary) against Postgres + Redis, builds and
 * `next start`s the app in cloud mode, syncs it (PUT /api/inngest) and says where everything is.
 *
 * Flags: --skip-build reuses the build in SELFHOST_DIST_DIR (default .next-selfhost).
 * See README "Running in production" for the variables.
 */
/* global fetch */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { resolveDevServerBinary } from "./inngest-dev-server.mjs";
import { SelfhostConfigError, appEnv, describeServer, engineArgs, engineEnv, resolveSelfhostConfig } from "./lib/selfhost-config.mjs";
import { stopProcessGroup } from "./lib/process-group.mjs";
import { checkRedis, ensurePostgresDatabase } from "./lib/selfhost-stores.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (line) => console.log(`[start:selfhost] ${line}`);

const children = [];
let exiting = false;
function shutdown(code) {
  if (exiting) return;
  exiting = true;
  children.forEach((child) => stopProcessGroup(child));
  // Whatever ignores SIGTERM for 5 s is killed.
  setTimeout(() => children.forEach((child) => stopProcessGroup(child, "SIGKILL")), 5_000).unref();
  Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once("exit", r))))).then(() => process.exit(code));
}

function start(name, command, args, env) {
  // Own process group, so stopping it also stops whatever it spawned.
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream }).on("line", (line) => console.log(`[${name}] ${line}`));
  return child;
}

async function waitFor(url, child, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before answering; its output is above`);
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) return;
    await sleep(500);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000}s`);
}

function build(config) {
  say(`next build → ${config.distDir}`);
  // Route modules are evaluated while collecting page data; the build itself talks to no engine.
  const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: config.distDir, NEXT_TELEMETRY_DISABLED: "1", INNGEST_DEV: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

async function main(argv) {
  const config = resolveSelfhostConfig(process.env, { root });
  if (config.generatedSecretsFile) say(`development: keys not set, using the ones generated in ${config.generatedSecretsFile}`);
  // Redis first: its check changes nothing, so a refusal there leaves no database behind.
  await checkRedis(config.redisUrl);
  if (await ensurePostgresDatabase(config.postgresUrl)) say(`created the engine's database ${config.postgresUrl.pathname.slice(1)} on ${describeServer(config.postgresUrl)}`);
  const bin = await resolveDevServerBinary({ log: say });
  if (!argv.includes("--skip-build")) build(config);
  else if (!fs.existsSync(path.join(root, config.distDir, "BUILD_ID"))) throw new SelfhostConfigError(`--skip-build: no build in ${config.distDir}; run without it once`);

  const engine = start("inngest", bin, engineArgs(config), engineEnv(process.env));
  children.push(engine);
  engine.once("exit", (code) => exiting || (console.error(`[start:selfhost] inngest start exited (${code}); stopping`), shutdown(code ?? 1)));
  // Migrations run before the API listens: /health answering means the schema is in place.
  await waitFor(`${config.engineUrl}/health`, engine, "inngest start", 120_000);

  const app = start("next", path.join(root, "node_modules/.bin/next"), ["start", "--port", String(config.appPort)], appEnv(process.env, config));
  children.push(app);
  app.once("exit", (code) => exiting || (console.error(`[start:selfhost] next start exited (${code}); stopping`), shutdown(code ?? 1)));
  // Not /api/inngest: in cloud mode the SDK refuses (and logs) every unsigned probe of it.
  await waitFor(`http://127.0.0.1:${config.appPort}/api/status`, app, "next start", 120_000);
  const sync = await fetch(`http://127.0.0.1:${config.appPort}/api/inngest`, { method: "PUT" });
  if (!sync.ok) throw new Error(`syncing the app with the engine failed: PUT /api/inngest answered ${sync.status} ${await sync.text()}`);

  say(`app     ${config.appUrl}`);
  say(`engine  ${config.engineUrl}  (UI and /v0/gql; Postgres ${describeServer(config.postgresUrl)}${config.postgresUrl.pathname}, Redis ${describeServer(config.redisUrl)}${config.redisUrl.pathname})`);
  say("synced; Ctrl-C stops both");
}

process.on("SIGINT", () => shutdown(130));
process.on("SIGTERM", () => shutdown(143));
main(process.argv.slice(2)).catch((error) => {
  // A refusal is the whole message; anything else is still one line, not a stack.
  console.error(`[start:selfhost] ${error instanceof SelfhostConfigError ? "refused: " : ""}${error.message}`);
  shutdown(1);
});
