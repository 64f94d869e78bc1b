import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { benchRoot } from "./environment";

const run = promisify(execFile);

export type EngineTarget =
  | { kind: "dev-server"; url: string }
  | { kind: "selfhost"; url: string; signingKey: string; eventKey: string };

function engineEnv(target: EngineTarget): Record<string, string> {
  if (target.kind === "dev-server") return { INNGEST_DEV: target.url };
  return { INNGEST_DEV: "0", INNGEST_BASE_URL: target.url, INNGEST_SIGNING_KEY: target.signingKey, INNGEST_EVENT_KEY: target.eventKey };
}

/** The core loop's figures on `target`, measured by bench/lib/critical-path-child.ts in its own process. */
export async function criticalPathOn(target: EngineTarget): Promise<Record<string, unknown> & { criticalPathRatio: number }> {
  const { INNGEST_DEV: _dev, INNGEST_BASE_URL: _base, INNGEST_SIGNING_KEY: _sk, INNGEST_EVENT_KEY: _ek, ...inherited } = process.env;
  const { stdout } = await run(path.join(benchRoot, "..", "node_modules/.bin/tsx"), [path.join(benchRoot, "lib/critical-path-child.ts")], {
    env: { ...inherited, ...engineEnv(target), BENCH_ENGINE_URL: target.url },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const line = stdout.trim().split("\n").findLast((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`the ${target.kind} critical-path run printed no result:\n${stdout.slice(-2_000)}`);
  return JSON.parse(line.slice("RESULT ".length)) as Record<string, unknown> & { criticalPathRatio: number };
}
