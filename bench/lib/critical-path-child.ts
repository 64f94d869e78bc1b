/**
 * One engine's core-loop critical path, in a process of its own: the product's Inngest client takes its
 * mode from the environment on first import, so the Dev Server and the self-hosted engine (cloud mode,
 * signed) cannot share one process. The parent (bench/lib/critical-path.ts) sets that environment and
 * BENCH_ENGINE_URL, and reads the last stdout line, `RESULT <json>`.
 */
import { measureCoreLoop } from "../suites/core-loop";

const engineUrl = process.env.BENCH_ENGINE_URL;
if (!engineUrl) throw new Error("BENCH_ENGINE_URL is not set: run this through bench/lib/critical-path.ts");

measureCoreLoop(engineUrl, { zero: 2, latency: Number(process.env.BENCH_LATENCY_LOOPS ?? 3) })
  .then((figures) => {
    console.info(`RESULT ${JSON.stringify(figures)}`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
