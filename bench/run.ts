/**
 * `npm run bench [-- <suite>...]`: starts a fresh real Inngest Dev Server and a bench-only app
 * (its own client and functions, served with inngest/node), syncs them, runs each suite and writes
 * bench/results/<suite>.json. Suites live in bench/suites; add new ones to `suites` below.
 */
import { Inngest } from "inngest";
import { createServer } from "inngest/node";
import { DevServer } from "../tests/e2e/support/dev-server-api";
import type { BenchSuite } from "./lib/context";
import { listen, startDevServer, writeResult } from "./lib/environment";
import { agentTasksSuite } from "./suites/agent-tasks";
import { appgenSuite } from "./suites/appgen";
import { coreLoopSuite } from "./suites/core-loop";
import { creativeSuite } from "./suites/creative";
import { engineSuite } from "./suites/engine";
import { monitoringSuite } from "./suites/monitoring";
import { scaleSuite } from "./suites/scale";
import { webhooksSuite } from "./suites/webhooks";

const suites: BenchSuite[] = [engineSuite, coreLoopSuite, monitoringSuite, webhooksSuite, creativeSuite, appgenSuite, agentTasksSuite, scaleSuite];

async function main() {
  const wanted = process.argv.slice(2);
  const selected = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
  if (selected.length === 0) throw new Error(`unknown suite(s) ${wanted.join(", ")}; known: ${suites.map((s) => s.name).join(", ")}`);

  const devServer = await startDevServer();
  const server = { close: () => {} } as { close: () => void };
  try {
    const client = new Inngest({ id: "aigency-bench", isDev: true, baseUrl: devServer.url });
    const functions = selected.flatMap((suite) => suite.functions(client));
    const http = createServer({ client, functions });
    server.close = () => http.close();
    const port = await listen(http);
    const sync = await fetch(`http://127.0.0.1:${port}/api/inngest`, { method: "PUT" });
    if (!sync.ok) throw new Error(`bench app sync failed: ${sync.status} ${await sync.text()}`);

    const command = `npm run bench${wanted.length ? ` -- ${wanted.join(" ")}` : ""}`;
    for (const suite of selected) {
      console.info(`[bench] ${suite.name}…`);
      const figures = await suite.measure({ client, devServer: new DevServer(devServer.url), devServerPid: devServer.proc.child.pid! });
      const file = writeResult(suite.resultFile, figures, command);
      console.info(`[bench] ${suite.name} → ${file}\n${JSON.stringify(figures, null, 2)}`);
    }
  } finally {
    server.close();
    await devServer.proc.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
