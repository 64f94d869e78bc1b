import { and, count, inArray, lt, sql } from "drizzle-orm";
import type { Env } from "@/env";
import { isInngestDev } from "@/env";
import { resolveInngestMode } from "@/inngest/client";
import type { Db } from "@/server/db";
import { agentIssues } from "@/server/db/schema/agent-tasks";
import pkg from "../../../package.json";

/** A task that has waited this long without a job starting means the queue is not draining. */
export const BACKLOG_MINUTES = 15;
const ENGINE_TIMEOUT_MS = 2_000;

export type Check = { ok: boolean; detail: string };
export interface HealthReport {
  status: "healthy" | "unhealthy";
  version: string;
  checks: { database: Check; engine: Check; model: Check & { mode: "anthropic" | "offline" }; queue: Check & { waiting: number } };
}

export interface HealthDeps {
  db: Db;
  env: Env;
  now: Date;
  fetch?: typeof fetch;
}

/** Where the SDK sends events: the configured base URL, a Dev Server URL in INNGEST_DEV, or the default. */
export function engineUrl(env: Env): string {
  if (env.INNGEST_BASE_URL) return env.INNGEST_BASE_URL;
  if (env.INNGEST_DEV && /^https?:\/\//.test(env.INNGEST_DEV) && isInngestDev(env.INNGEST_DEV)) return env.INNGEST_DEV;
  return resolveInngestMode(env) === "dev" ? "http://localhost:8288" : "https://api.inngest.com";
}

async function checkDatabase(db: Db): Promise<Check> {
  try {
    await db.execute(sql`select 1`);
    return { ok: true, detail: "answers queries" };
  } catch {
    return { ok: false, detail: "does not answer queries" };
  }
}

/** Any HTTP answer means reachable; a refused connection or a timeout does not. */
async function checkEngine(env: Env, doFetch: typeof fetch): Promise<Check> {
  try {
    await doFetch(new URL("/health", engineUrl(env)), { signal: AbortSignal.timeout(ENGINE_TIMEOUT_MS) });
    return { ok: true, detail: "reachable" };
  } catch {
    return { ok: false, detail: "unreachable" };
  }
}

async function checkQueue(db: Db, now: Date): Promise<HealthReport["checks"]["queue"]> {
  const before = new Date(now.getTime() - BACKLOG_MINUTES * 60_000);
  try {
    const [row] = await db
      .select({ n: count() })
      .from(agentIssues)
      .where(and(inArray(agentIssues.status, ["PENDING", "QUEUED"]), lt(agentIssues.createdAt, before)));
    const waiting = row?.n ?? 0;
    return { ok: waiting === 0, waiting, detail: waiting ? `${waiting} tasks waiting longer than ${BACKLOG_MINUTES} minutes` : "draining" };
  } catch {
    return { ok: false, waiting: 0, detail: "could not be counted" };
  }
}

/**
 * The agents' health for a monitoring probe. Unauthenticated on purpose, so it says nothing
 * tenant-specific: yes/no per check, a count across all organizations, never a host, URL or key.
 * The offline demo model is healthy (it is a supported mode), and says so.
 */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const [database, engine, queue] = await Promise.all([checkDatabase(deps.db), checkEngine(deps.env, deps.fetch ?? fetch), checkQueue(deps.db, deps.now)]);
  const model = deps.env.ANTHROPIC_API_KEY
    ? { ok: true, mode: "anthropic" as const, detail: "Anthropic API key configured" }
    : { ok: true, mode: "offline" as const, detail: "offline demo model (no ANTHROPIC_API_KEY)" };
  const checks = { database, engine, model, queue };
  const healthy = Object.values(checks).every((c) => c.ok);
  return { status: healthy ? "healthy" : "unhealthy", version: pkg.version, checks };
}
