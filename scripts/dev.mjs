#!/usr/bin/env node
/**
 * `npm run dev`: the Inngest Dev Server and `next dev` together, logs prefixed, Ctrl-C stops both,
 * the app synced to the Dev Server as soon as Next answers, then the main routes compiled in the
 * background (scripts/lib/warm-routes.mjs). Needs no .env and no account.
 */
/* global fetch */
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { DEV_SERVER_ENV, resolveDevServerBinary } from "./inngest-dev-server.mjs";
import { stopProcessGroup } from "./lib/process-group.mjs";
import { warmRoutes } from "./lib/warm-routes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const appPort = Number(process.env.PORT ?? 3000);
const devServerPort = 8288;
const appUrl = `http://localhost:${appPort}`;
const devServerUrl = `http://127.0.0.1:${devServerPort}`;
const color = process.stdout.isTTY ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_code, text) => text;

function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", () => reject(new Error(`port ${port} is already in use; stop whatever runs there (${what} needs it)`)));
    server.listen(port, () => server.close(resolve));
  });
}

// The Dev Server re-syncs every few seconds (so edited functions show up); those PUTs are noise.
const isPollNoise = (line) => /PUT \/api\/inngest 200 in/.test(line);

function start(name, code, command, args, env) {
  // Own process group, so stopping it also stops the workers `next dev` spawns.
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const prefix = color(code, `[${name}]`.padEnd(10));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on("line", (line) => isPollNoise(line) || console.log(`${prefix} ${line}`));
  }
  return child;
}

/** Waits for Next to answer, then registers the app's functions with the Dev Server (PUT /api/inngest). */
async function syncWhenReady() {
  for (;;) {
    try {
      const res = await fetch(`${appUrl}/api/inngest`, { method: "PUT" });
      if (res.ok) break;
      console.error(color(33, `[dev]      sync answered ${res.status}: ${await res.text()}`));
    } catch {
      // next dev compiles the route on first request; keep asking.
    }
    await sleep(1_000);
  }
  const status = await fetch(`${appUrl}/api/status`).then((r) => r.json()).catch(() => undefined);
  const simulated = status?.services?.filter((s) => s.simulated).map((s) => s.service) ?? [];
  console.log(color(32, `\n  App            ${appUrl}`));
  console.log(color(32, `  Dev Server UI  http://localhost:${devServerPort}  (runs, events, Rerun/Replay)`));
  console.log(
    simulated.length
      ? `  Embedded mode: ${simulated.join(", ")} run on local simulations (no keys set); see ${appUrl}/api/status`
      : "  Embedded mode: off, every external service is configured with real keys",
  );
  console.log("  Compiling the main pages in the background so your first clicks are fast (progress: [warm-up])\n");
}

async function main() {
  await assertPortFree(devServerPort, "the Inngest Dev Server");
  await assertPortFree(appPort, "Next.js");
  const bin = await resolveDevServerBinary({ log: (line) => console.log(line) });
  const children = [
    // -u also makes the Dev Server re-sync every few seconds, so new functions appear without a restart.
    start("inngest", 35, bin, ["dev", "--no-discovery", "-u", `${appUrl}/api/inngest`, "--port", String(devServerPort)], {
      ...process.env,
      ...DEV_SERVER_ENV,
    }),
    start("next", 36, path.join(root, "node_modules/.bin/next"), ["dev", "--port", String(appPort)], {
      ...process.env,
      INNGEST_DEV: devServerUrl,
    }),
  ];

  let exiting = false;
  const shutdown = (code) => {
    if (exiting) return;
    exiting = true;
    for (const child of children) stopProcessGroup(child);
    // Whatever ignores SIGTERM for 5 s is killed.
    setTimeout(() => children.forEach((child) => stopProcessGroup(child, "SIGKILL")), 5_000).unref();
    Promise.all(children.map((child) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r))))).then(
      () => process.exit(code),
    );
  };
  process.on("SIGINT", () => shutdown(130));
  process.on("SIGTERM", () => shutdown(143));
  for (const [i, child] of children.entries()) {
    child.once("exit", (code, signal) => {
      if (!exiting) console.error(color(31, `[dev]      ${i === 0 ? "Inngest Dev Server" : "next dev"} exited (${signal ?? code}); stopping the other`));
      shutdown(code ?? 1);
    });
  }
  await syncWhenReady();
  await warmRoutes({ baseUrl: appUrl, log: (line) => console.log(color(90, line)) });
}

main().catch((error) => {
  console.error(`[dev] ${error.message}`);
  process.exit(1);
});
