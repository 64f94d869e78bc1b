import type { Inngest } from "inngest";
import type { BenchSuite } from "../lib/context";
import { benchDatabase, realisticFunction, sweepThroughput, type Sql } from "../lib/throughput";

let db: Awaited<ReturnType<typeof benchDatabase>> | undefined;
const sql = (): Sql => {
  if (!db) throw new Error("the scale bench's database is not open");
  return db.sql;
};

/**
 * Engine scale (issue 14): sustained runs/s of a realistic function (3 steps, one Postgres write each)
 * at which p95 event → completion stays under 1 s. Measured on the Dev Server here; the self-hosted
 * engine's figure, fairness on it and the critical-path ratios are written as null until the
 * self-hosted profile exists (they are not estimated).
 */
export const scaleSuite: BenchSuite = {
  name: "scale",
  resultFile: "scale.json",
  functions: (client: Inngest.Any) => [realisticFunction(client, sql)],
  async measure(ctx) {
    db = await benchDatabase();
    try {
      const devServer = await sweepThroughput({ label: "dev-server", send: (events) => ctx.client.send(events), sql: db.sql });
      return {
        selfhostRunsPerSecond: null,
        devServerRunsPerSecond: devServer.runsPerSecond,
        fairnessRatio: null,
        criticalPathRatioSelfhost: null,
        criticalPathRatioDevServer: null,
        windows: { devServer: devServer.windows },
        note: "Dev Server (--tick 10, key queues) serving the bench app; each window sends at a fixed rate for 10 s in 100 ms ticks (one batch per tick), then waits up to 30 s for the third write of every run. Latency = the event's send → the third row's clock_timestamp() (same machine, one clock). Sustained = all runs completed and p95 < 1 s; the rate doubles from 5 until a window is not sustained, then the gap to the last sustained rate is halved twice. Null figures are not measured yet: the self-hosted engine (inngest start on Postgres + Redis) is the next step of issue 14, and the critical-path ratio on the Dev Server stays in core-loop.json until it is measured beside the self-hosted one.",
      };
    } finally {
      await db.drop();
      db = undefined;
    }
  },
};
