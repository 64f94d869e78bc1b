/**
 * Fairness between tenants, engine-agnostic: one organization floods a function with 1,000 runs, another
 * sends 10 shortly after; the small organization's run-start latency (event sent → its first step's row,
 * on the database's clock) is compared with the same 10 runs on an idle engine. Each configuration is a
 * function of its own (flow control is part of a function's definition), built from the engine's own
 * keyed concurrency and priority: nothing here queues or orders runs itself.
 */
import type { Inngest, InngestFunction } from "inngest";
import { median, round } from "./stats";
import type { Sql } from "./throughput";

const FLOOD_RUNS = 1_000;
const SMALL_RUNS = 10;
const STEPS = 3;
// The small organization arrives once the flood is queued and running: the case fairness is about.
const SMALL_AFTER_MS = 1_000;
const DRAIN_TIMEOUT_MS = 240_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Concurrency = { key?: string; limit: number; scope?: "fn" | "env" | "account" };
// The engine takes at most two concurrency constraints per function.
type Constraints = [Concurrency] | [Concurrency, Concurrency];
export interface FairnessConfig {
  id: string;
  describe: string;
  concurrency?: Constraints;
  priority?: { run: string };
  throttle?: { key: string; limit: number; period: `${number}s`; burst?: number };
}

const PER_ORG = "event.data.organizationId";

/**
 * The configurations tried: none; concurrency keyed by organization at 20 (the flood drains in about half a
 * minute on this machine) and at 5 (fewer of the flood's steps compete with the small organization's for the
 * two cores, the flood takes twice as long); and starts throttled per organization (10 a second, the flood
 * takes 100 s). A function-wide limit on top (as the agent-task runner declares) makes the small
 * organization compete for the same slots again; it is measured by the agent-tasks suite.
 */
export const FAIRNESS_CONFIGS: FairnessConfig[] = [
  { id: "none", describe: "no flow control: one FIFO per function" },
  { id: "per-org-20", describe: "concurrency keyed by organization, limit 20 each", concurrency: [{ key: PER_ORG, limit: 20 }] },
  { id: "per-org-5", describe: "concurrency keyed by organization, limit 5 each", concurrency: [{ key: PER_ORG, limit: 5 }] },
  { id: "throttle-org-10s", describe: "starts throttled per organization, 10 a second", throttle: { key: PER_ORG, limit: 10, period: "1s" } },
];

const eventName = (config: FairnessConfig) => `bench/fair.${config.id}.requested`;

/** One function per configuration: three steps, one idempotent write each (step 1's row marks the start). */
export function fairnessFunctions(client: Inngest.Any, sql: () => Sql): InngestFunction.Any[] {
  return FAIRNESS_CONFIGS.map((config) =>
    client.createFunction(
      {
        id: `bench-fair-${config.id}`,
        retries: 2,
        triggers: [{ event: eventName(config) }],
        ...(config.concurrency ? { concurrency: config.concurrency } : {}),
        ...(config.priority ? { priority: config.priority } : {}),
        ...(config.throttle ? { throttle: config.throttle } : {}),
      },
      async ({ event, step }) => {
        const key = (event.data as { runKey: string }).runKey;
        for (let i = 1; i <= STEPS; i++) {
          await step.run(`write-${i}`, () => sql()`INSERT INTO bench_writes (run_key, step) VALUES (${key}, ${i}) ON CONFLICT DO NOTHING`.then(() => i));
        }
        return { key };
      },
    ),
  );
}

type Send = (events: { name: string; data: Record<string, unknown> }[]) => Promise<unknown>;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Sends one organization's runs in batches of 100 (what the product's fan-outs send per call). */
async function sendRuns(send: Send, config: FairnessConfig, organizationId: string, prefix: string, count: number) {
  const sentAt = new Map<string, number>();
  for (let from = 0; from < count; from += 100) {
    const batch = Array.from({ length: Math.min(100, count - from) }, (_, i) => ({
      name: eventName(config),
      data: { organizationId, runKey: `${prefix}-${from + i}` },
    }));
    const at = Date.now();
    await send(batch);
    for (const e of batch) sentAt.set(e.data.runKey, at);
  }
  return sentAt;
}

/** Waits until every key has its `step` row; returns event sent → that row, per key found. */
async function waitForStep(sql: Sql, sentAt: Map<string, number>, step: number, timeoutMs: number) {
  const keys = [...sentAt.keys()];
  let rows: { run_key: string; at: Date }[] = [];
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    rows = await sql<{ run_key: string; at: Date }[]>`SELECT run_key, at FROM bench_writes WHERE step = ${step} AND run_key = ANY(${keys})`;
    if (rows.length === keys.length) break;
  }
  return { found: rows.length, latencies: rows.map((r) => r.at.getTime() - sentAt.get(r.run_key)!) };
}

const stats = (latencies: number[]) => ({ p50Ms: round(median(latencies)), p95Ms: round(percentile(latencies, 95)) });

export interface FairnessResult {
  config: string;
  describe: string;
  idle: { p50Ms: number; p95Ms: number; started: number };
  underFlood: { p50Ms: number; p95Ms: number; started: number };
  flood: { sent: number; completed: number; drainMs: number };
  /** Small organization's p95 run start under the flood ÷ idle; null when some of its runs never started. */
  ratioP95: number | null;
  ratioP50: number | null;
}

/** Idle baseline, then the flood with the small organization arriving 1 s into it; waits for the flood to drain. */
export async function measureFairness(opts: { label: string; config: FairnessConfig; send: Send; sql: Sql }): Promise<FairnessResult> {
  const { config, send, sql } = opts;
  const tag = `${opts.label}-${config.id}-${Date.now()}`;
  const idleSent = await sendRuns(send, config, "org-small", `${tag}-idle`, SMALL_RUNS);
  const idle = await waitForStep(sql, idleSent, 1, 60_000);
  await waitForStep(sql, idleSent, STEPS, 60_000);

  const floodStart = Date.now();
  const floodSent = await sendRuns(send, config, "org-flood", `${tag}-flood`, FLOOD_RUNS);
  await sleep(Math.max(0, floodStart + SMALL_AFTER_MS - Date.now()));
  const smallSent = await sendRuns(send, config, "org-small", `${tag}-small`, SMALL_RUNS);
  const small = await waitForStep(sql, smallSent, 1, DRAIN_TIMEOUT_MS);
  const flood = await waitForStep(sql, floodSent, STEPS, DRAIN_TIMEOUT_MS);
  const drainMs = Date.now() - floodStart;

  const idleStats = stats(idle.latencies);
  const floodStats = stats(small.latencies);
  const complete = small.found === SMALL_RUNS && idle.found === SMALL_RUNS;
  const result: FairnessResult = {
    config: config.id,
    describe: config.describe,
    idle: { ...idleStats, started: idle.found },
    underFlood: { ...floodStats, started: small.found },
    flood: { sent: FLOOD_RUNS, completed: flood.found, drainMs },
    ratioP95: complete ? round(floodStats.p95Ms / Math.max(1, idleStats.p95Ms), 2) : null,
    ratioP50: complete ? round(floodStats.p50Ms / Math.max(1, idleStats.p50Ms), 2) : null,
  };
  console.info(`[bench] ${opts.label} fairness ${config.id}: small p95 ${floodStats.p95Ms} ms vs idle ${idleStats.p95Ms} ms (×${result.ratioP95}); flood ${flood.found}/${FLOOD_RUNS} in ${drainMs} ms`);
  return result;
}
