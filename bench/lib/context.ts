import type { Inngest, InngestFunction } from "inngest";
import type { DevServer } from "../../tests/e2e/support/dev-server-api";

/** What run.ts hands every suite: one bench client + app, served and synced against a fresh Dev Server. */
export interface BenchContext {
  client: Inngest.Any;
  devServer: DevServer;
  /** The Dev Server's process id (its process group), for suites that account for its CPU. */
  devServerPid: number;
}

/**
 * A benchmark suite. `functions` are served by the bench-only app (never the product's functions);
 * `measure` returns the figures written to bench/results/<resultFile>, with command/machine added.
 * To add one (e.g. core-loop.json): write bench/suites/<name>.ts and list it in bench/run.ts.
 */
export interface BenchSuite {
  name: string;
  resultFile: string;
  functions(client: Inngest.Any): InngestFunction.Any[];
  measure(ctx: BenchContext): Promise<Record<string, unknown>>;
}
