import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const E2E_DIST_DIR = ".next-e2e";
// What changes the build. Not tsconfig.json: every `next dev`/`next build` rewrites its include list.
const INPUTS = ["src", "inngest", "emails", "drizzle", "public", "next.config.ts", "package-lock.json"];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when .next-e2e holds a finished build newer than every source it was built from. */
export function isBuildFresh(root: string): boolean {
  const buildId = path.join(root, E2E_DIST_DIR, "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return INPUTS.every((input) => newestMtime(path.join(root, input)) < built);
}

/** A production build in its own dist dir, so it never fights `npm run dev` over .next. */
export function buildApp(root: string, logFile: string): void {
  if (isBuildFresh(root)) return;
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  console.info(`[e2e] next build → ${E2E_DIST_DIR} (log: ${logFile})`);
  const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    // INNGEST_DEV: route modules are evaluated while collecting page data, and the client refuses
    // production mode without Inngest Cloud keys; this build only ever runs against the Dev Server.
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", INNGEST_DEV: "1",
      // `npm test` runs `tsc --noEmit` over the whole tree first; checking again here costs ~2 min.
      NEXT_SKIP_TYPECHECK: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.writeFileSync(logFile, `${result.stdout ?? ""}${result.stderr ?? ""}`);
  if (result.status !== 0) {
    const tail = `${result.stdout}${result.stderr}`.split("\n").slice(-40).join("\n");
    throw new Error(`next build failed (exit ${result.status}); see ${logFile}\n${tail}`);
  }
}

/**
 * What `next start` of the e2e build needs whatever its engine: its own URL, fresh secrets, and test
 * controls on (the fault-injection and mailbox endpoints; also the only way production mode may talk
 * to a Dev Server).
 */
export function e2eAppBaseEnv(opts: { appUrl: string }): Record<string, string> {
  return {
    NEXT_DIST_DIR: E2E_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: opts.appUrl,
    INNGEST_SERVE_ORIGIN: opts.appUrl,
    BETTER_AUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    // Production mode (next start) refuses to store Facebook tokens without a real key.
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    AIGENCY_TEST_CONTROLS: "1",
  };
}

/** The e2e build against the Dev Server: dev mode (no signatures), events and sync to its URL. */
export function productionBuildEnv(opts: { appUrl: string; devServerUrl: string }): Record<string, string> {
  return { ...e2eAppBaseEnv(opts), INNGEST_DEV: opts.devServerUrl, INNGEST_BASE_URL: opts.devServerUrl };
}
