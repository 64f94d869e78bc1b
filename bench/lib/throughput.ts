/**
 * Sustained throughput of a realistic function, engine-agnostic (the Dev Server now, `inngest start`
 * next): 3 steps, each one idempotent insert into Postgres. Runs are sent at a fixed rate for a
 * window; a run's latency is event sent → its third row written (the database's clock, read
 * back, so no per-run engine polling loads the engine under test). A rate is sustained when every run
 * of the window completes and p95 stays under 1 s.
 */
import type { Inngest } from "inngest";
import postgres from "postgres";
import { median, round } from "./stats";

export const REALISTIC_EVENT = "bench/realistic.requested";
const STEPS = 3;
const WINDOW_MS = 10_000;
const TICK_MS = 100;
const P95_LIMIT_MS = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Sql = postgres.Sql;

/** A throwaway database for the bench's writes; drop() removes it. */
export async function benchDatabase(adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres") {
  const name = `aigency_bench_scale_${process.pid}_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 10, onnotice: () => {} });
  await sql`CREATE TABLE bench_writes (run_key text NOT NULL, step int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (run_key, step))`;
  return {
    sql,
    drop: async () => {
      await sql.end();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The function under load: three steps, one write each (a retry rewrites nothing). */
export function realisticFunction(client: Inngest.Any, sql: () => Sql) {
  return client.createFunction({ id: "bench-realistic-3", retries: 2, triggers: [{ event: REALISTIC_EVENT }] }, async ({ event, step }) => {
    const key = (event.data as { runKey: string }).runKey;
    for (let i = 1; i <= STEPS; i++) {
      await step.run(`write-${i}`, async () => {
        await sql()`INSERT INTO bench_writes (run_key, step) VALUES (${key}, ${i}) ON CONFLICT DO NOTHING`;
        return i;
      });
    }
    return { key };
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface RateResult { rate: number; sent: number; completed: number; p50Ms: number; p95Ms: number; sustained: boolean }

async function runAtRate(opts: { rate: number; label: string; send: (events: { name: string; data: Record<string, unknown> }[]) => Promise<unknown>; sql: Sql }): Promise<RateResult> {
  const sentAt = new Map<string, number>();
  const perTick = (opts.rate * TICK_MS) / 1000;
  const start = Date.now();
  let due = 0;
  for (let tick = 0; Date.now() - start < WINDOW_MS; tick++) {
    due += perTick;
    const batch: { name: string; data: Record<string, unknown> }[] = [];
    while (due >= 1) {
      const runKey = `${opts.label}-${opts.rate}-${sentAt.size + batch.length}`;
      batch.push({ name: REALISTIC_EVENT, data: { runKey } });
      due -= 1;
    }
    if (batch.length) {
      const at = Date.now();
      await opts.send(batch);
      for (const e of batch) sentAt.set(e.data.runKey as string, at);
    }
    await sleep(Math.max(0, start + (tick + 1) * TICK_MS - Date.now()));
  }
  // Give the backlog up to 30 s to drain; what is still missing then counts as not completed.
  const keys = [...sentAt.keys()];
  let rows: { run_key: string; at: Date }[] = [];
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    rows = await opts.sql<{ run_key: string; at: Date }[]>`SELECT run_key, at FROM bench_writes WHERE step = ${STEPS} AND run_key = ANY(${keys})`;
    if (rows.length === keys.length) break;
  }
  const latencies = rows.map((r) => r.at.getTime() - sentAt.get(r.run_key)!);
  const p95 = percentile(latencies, 95);
  return { rate: opts.rate, sent: keys.length, completed: rows.length, p50Ms: round(median(latencies)), p95Ms: round(p95), sustained: rows.length === keys.length && p95 < P95_LIMIT_MS };
}

/**
 * Doubles the rate from `from` until a window is not sustained, then halves the gap between the last
 * sustained rate and the first that was not, twice (e.g. 20 ok, 40 not → 30 → 25 or 35). The highest
 * sustained rate is the figure.
 */
export async function sweepThroughput(opts: { label: string; send: (events: { name: string; data: Record<string, unknown> }[]) => Promise<unknown>; sql: Sql; from?: number; max?: number }) {
  const windows: RateResult[] = [];
  const measure = async (rate: number) => {
    const result = await runAtRate({ rate, label: opts.label, send: opts.send, sql: opts.sql });
    windows.push(result);
    console.info(`[bench] ${opts.label} ${rate} runs/s: ${result.completed}/${result.sent} completed, p95 ${result.p95Ms} ms`);
    return result.sustained;
  };
  let ok = 0;
  let failed: number | undefined;
  for (let rate = opts.from ?? 5; rate <= (opts.max ?? 320); rate *= 2) {
    if (!(await measure(rate))) {
      failed = rate;
      break;
    }
    ok = rate;
  }
  for (let i = 0; i < 2 && failed !== undefined && failed - ok > 1; i++) {
    const mid = Math.round((ok + failed) / 2);
    if (await measure(mid)) ok = mid;
    else failed = mid;
  }
  return { runsPerSecond: ok, windows };
}
