import type { Inngest } from "inngest";
import type { BenchSuite } from "../lib/context";
import { startSelfhostEngine } from "../lib/selfhost-engine";
import { benchDatabase, realisticFunction, sweepThroughput, type Sql } from "../lib/throughput";

let db: Awaited<ReturnType<typeof benchDatabase>> | undefined;
const sql = (): Sql => {
  if (!db) throw new Error("the scale bench's database is not open");
  return db.sql;
};

/**
 * Engine scale (issue 14): sustained runs/s of a realistic function (3 steps, one Postgres write each)
 * at which p95 event → completion stays under 1 s, on the Dev Server and on one self-hosted node
 * (`inngest start` on Postgres + Redis, signed). Fairness on it and the critical-path ratios are
 * written as null until they are measured (never estimated).
 */
export const scaleSuite: BenchSuite = {
  name: "scale",
  resultFile: "scale.json",
  functions: (client: Inngest.Any) => [realisticFunction(client, sql)],
  async measure(ctx) {
    db = await benchDatabase();
    try {
      const devServer = await sweepThroughput({ label: "dev-server", send: (events) => ctx.client.send(events), sql: db.sql });
      const engine = await startSelfhostEngine();
      let selfhost: Awaited<ReturnType<typeof sweepThroughput>>;
      try {
        const client = await engine.serve((c) => [realisticFunction(c, sql)]);
        selfhost = await sweepThroughput({ label: "selfhost", send: (events) => client.send(events), sql: db.sql });
      } finally {
        await engine.stop();
      }
      return {
        selfhostRunsPerSecond: selfhost.runsPerSecond,
        devServerRunsPerSecond: devServer.runsPerSecond,
        fairnessRatio: null,
        criticalPathRatioSelfhost: null,
        criticalPathRatioDevServer: null,
        windows: { devServer: devServer.windows, selfhost: selfhost.windows },
        note: "Dev Server (--tick 10, key queues) and one self-hosted node (inngest start, default tick 150 ms and 100 queue workers, Postgres + Redis DB 13, signed, the app in cloud mode), each serving the same function from the bench process; each window sends at a fixed rate for 10 s in 100 ms ticks (one batch per tick), then waits up to 30 s for the third write of every run. Latency = the event's send → the third row's clock_timestamp() (same machine, one clock). Sustained = all runs completed and p95 < 1 s; the rate doubles from 5 until a window is not sustained, then the gap to the last sustained rate is halved twice. Null figures are not measured yet: fairness on the self-hosted engine and the core loop's critical-path ratio on both engines (core-loop.json has the Dev Server's, from its own suite).",
      };
    } finally {
      await db.drop();
      db = undefined;
    }
  },
};
