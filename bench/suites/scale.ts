import type { Inngest } from "inngest";
import type { BenchSuite } from "../lib/context";
import { criticalPathOn } from "../lib/critical-path";
import { FAIRNESS_CONFIGS, fairnessFunctions, measureFairness, type FairnessResult } from "../lib/fairness";
import { startSelfhostEngine } from "../lib/selfhost-engine";
import { benchDatabase, realisticFunction, sweepThroughput, type Sql } from "../lib/throughput";

let db: Awaited<ReturnType<typeof benchDatabase>> | undefined;
const sql = (): Sql => {
  if (!db) throw new Error("the scale bench's database is not open");
  return db.sql;
};

const benchFunctions = (client: Inngest.Any) => [realisticFunction(client, sql), ...fairnessFunctions(client, sql)];

/** The best configuration: the lowest p95 ratio among those whose small-organization runs all started. */
function best(results: FairnessResult[]): FairnessResult | undefined {
  return results.filter((r) => r.ratioP95 !== null).sort((a, b) => a.ratioP95! - b.ratioP95!)[0];
}

/**
 * Engine scale (issue 14), the Dev Server and one self-hosted node (`inngest start` on Postgres + Redis,
 * signed) side by side: sustained runs/s of a realistic function (3 steps, one Postgres write each) at
 * which p95 event → completion stays under 1 s; fairness (one organization floods 1,000 runs, another
 * sends 10) under each flow-control configuration; and the core loop's critical-path ratio, each engine
 * measured by the same code in a process of its own.
 */
export const scaleSuite: BenchSuite = {
  name: "scale",
  resultFile: "scale.json",
  functions: benchFunctions,
  async measure(ctx) {
    db = await benchDatabase();
    try {
      const devServer = await sweepThroughput({ label: "dev-server", send: (events) => ctx.client.send(events), sql: db.sql });
      // The Dev Server only with keyed concurrency, for comparison: the figure is the self-hosted engine's.
      const keyed = FAIRNESS_CONFIGS.find((c) => c.concurrency)!;
      const devFairness = [await measureFairness({ label: "dev-server", config: keyed, send: (e) => ctx.client.send(e), sql: db.sql })];
      const devCritical = await criticalPathOn({ kind: "dev-server", url: ctx.devServer.url });

      const engine = await startSelfhostEngine();
      let selfhost: Awaited<ReturnType<typeof sweepThroughput>>;
      const selfFairness: FairnessResult[] = [];
      let selfCritical: Awaited<ReturnType<typeof criticalPathOn>>;
      try {
        const client = await engine.serve(benchFunctions);
        selfhost = await sweepThroughput({ label: "selfhost", send: (events) => client.send(events), sql: db.sql });
        for (const config of FAIRNESS_CONFIGS) selfFairness.push(await measureFairness({ label: "selfhost", config, send: (e) => client.send(e), sql: db.sql }));
        selfCritical = await criticalPathOn({ kind: "selfhost", url: engine.url, ...engine.keys });
      } finally {
        await engine.stop();
      }
      const fair = best(selfFairness);
      return {
        selfhostRunsPerSecond: selfhost.runsPerSecond,
        devServerRunsPerSecond: devServer.runsPerSecond,
        fairnessRatio: fair?.ratioP95 ?? null,
        fairnessBestConfig: fair?.config ?? null,
        criticalPathRatioSelfhost: selfCritical.criticalPathRatio,
        criticalPathRatioDevServer: devCritical.criticalPathRatio,
        windows: { devServer: devServer.windows, selfhost: selfhost.windows },
        fairness: { selfhost: selfFairness, devServer: devFairness },
        criticalPath: { selfhost: selfCritical, devServer: devCritical },
        note: "Dev Server (--tick 10, key queues) and one self-hosted node (inngest start, default tick 150 ms and 100 queue workers, 30 Postgres connections as npm run start:selfhost gives it, Postgres + Redis DB 13, signed, the app in cloud mode), each serving the same functions from the bench process. Throughput: each window sends at a fixed rate for 10 s in 100 ms ticks, then waits up to 30 s for the third write of every run; latency = send → the third row's clock_timestamp(); sustained = all runs completed and p95 < 1 s; the rate doubles from 5 until a window is not sustained, then the gap is halved twice. Fairness: per configuration, 10 runs of the small organization on the idle engine, then 1,000 of the flooding organization in batches of 100 and, 1 s later, the small organization's 10; run start = send → step 1's row; fairnessRatio = the small organization's p95 under the flood ÷ idle, for the best configuration on the self-hosted engine (null for a configuration whose small runs did not all start within 240 s). Critical path: the core-loop suite's method (product functions and fakes with 200 ms per external call, wall minus the approval wait ÷ 200 ms × critical-path calls, median of 3 loops) run in a child process per engine; the SDK checkpoints after every step (its default; buffering several per checkpoint lost chat replies on the Dev Server, see README).",
      };
    } finally {
      await db.drop();
      db = undefined;
    }
  },
};
