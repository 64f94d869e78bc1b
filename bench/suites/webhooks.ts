import { webhookAppSecret } from "../../src/server/webhooks/app-secret";
import type { DevServer } from "../../tests/e2e/support/dev-server-api";
import type { BenchSuite } from "../lib/context";
import { measureCpu, waitUntilIdle } from "../lib/process-cpu";
import { startProductionApp, type ProductionApp } from "../lib/production-app";
import { round } from "../lib/stats";
import { countEvents, deliver, eventsThatStartedRuns, percentile, sampleDelivery } from "../lib/webhook-traffic";

const CONCURRENT = 200;
const SEQUENTIAL = 50;
const REDELIVERED = 20;

type Delivery = ReturnType<typeof sampleDelivery>;
const batch = (count: number, tag: string): Delivery[] => Array.from({ length: count }, (_, n) => sampleDelivery(n, tag));

function latencies(results: { ms: number; status: number }[]) {
  const ms = results.map((r) => r.ms);
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { n: ms.length, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), maxMs: round(Math.max(...ms)), statuses };
}

async function phase(app: ProductionApp, devServerPid: number, secret: string | null, deliveries: Delivery[], mode: "concurrent" | "sequential") {
  const started = performance.now();
  const { result, cpuSeconds } = await measureCpu({ app: app.proc.child.pid!, devServer: devServerPid }, async () => {
    if (mode === "concurrent") return Promise.all(deliveries.map((d) => deliver(app.url, d.body, secret)));
    const out = [];
    for (const d of deliveries) out.push(await deliver(app.url, d.body, secret));
    return out;
  });
  return { ...latencies(result), wallMs: round(performance.now() - started), cpuSeconds };
}

/** The Dev Server stores events after answering: counts until the number stops moving (or 60 s pass). */
async function settledCount(devServer: DevServer, name: string, since: Date) {
  const deadline = Date.now() + 60_000;
  let last = -1;
  for (;;) {
    const counted = await countEvents(devServer, name, since);
    if (counted === last || Date.now() > deadline) return counted;
    last = counted;
    await idle(1_000);
  }
}

const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One delivery through a registered record-delivery run, waited for: the app opens its database on
 * the first run (PGlite: seconds of CPU in the app process), which would otherwise land inside a phase.
 */
async function warmFunctions(app: ProductionApp, devServer: DevServer, secret: string) {
  const since = new Date();
  await deliver(app.url, sampleDelivery(0, "warm-fn").body, secret);
  const event = await devServer.waitForEvent("facebook/webhook.delivery-accepted", {}, { since, timeoutMs: 30_000 });
  const [run] = await devServer.waitForRuns(event.id, { timeoutMs: 60_000 });
  await devServer.waitForRunStatus(run!.id, { statuses: ["COMPLETED"], timeoutMs: 120_000 });
}

/**
 * 200 concurrent signed deliveries against the production build (`next start`) with the real Dev
 * Server: acknowledgement latency as Facebook sees it, and the change events the engine then holds.
 * Also measured, to see what dominates: the same burst before the app's functions are registered
 * (so no run calls back into the app), and deliveries one at a time.
 */
export const webhooksSuite: BenchSuite = {
  name: "webhooks",
  resultFile: "webhooks.json",
  functions: () => [],
  async measure({ devServer, devServerPid }) {
    const app = await startProductionApp(devServer.url);
    try {
      const seen: Record<string, string | undefined> = { ...process.env, ...app.env }; // what the app reads
      const secret = webhookAppSecret({
        FACEBOOK_APP_ID: seen.FACEBOOK_APP_ID, FACEBOOK_APP_SECRET: seen.FACEBOOK_APP_SECRET,
        APP_SIGNING_SECRET: seen.APP_SIGNING_SECRET, BETTER_AUTH_SECRET: seen.BETTER_AUTH_SECRET,
      });
      for (const d of batch(10, "warm")) await deliver(app.url, d.body, secret); // JIT and route warm-up, not counted
      // The app opens its embedded database at boot; a phase measured during that would time the open.
      await waitUntilIdle(app.proc.child.pid!);
      // The floor: the same burst unsigned, refused (401) after reading the body and checking the
      // signature, before parsing or any engine call. What Next's request handling alone costs.
      const refused = await phase(app, devServerPid, null, batch(CONCURRENT, "unsigned"), "concurrent");
      const unregistered = await phase(app, devServerPid, secret, batch(CONCURRENT, "unsynced"), "concurrent");
      await app.sync();
      await warmFunctions(app, devServer, secret);
      const oneAtATime = await phase(app, devServerPid, secret, batch(SEQUENTIAL, "sequential"), "sequential");
      await idle(5_000);

      const since = new Date();
      const deliveries = batch(CONCURRENT, "burst");
      const burst = await phase(app, devServerPid, secret, deliveries, "concurrent");
      const changesDelivered = deliveries.reduce((n, d) => n + d.changes, 0);
      const eventsEmitted = await settledCount(devServer, "facebook/webhook.received", since);
      const deliveryEvents = await settledCount(devServer, "facebook/webhook.delivery-accepted", since);
      const redeliveredAt = new Date();
      const redelivery = await phase(app, devServerPid, secret, deliveries.slice(0, REDELIVERED), "concurrent");
      await idle(3_000);
      const redeliveredRuns = await eventsThatStartedRuns(devServer, "facebook/webhook.delivery-accepted", redeliveredAt);
      return {
        deliveries: deliveries.length,
        ackP50Ms: burst.p50Ms,
        ackP99Ms: burst.p99Ms,
        changesDelivered,
        eventsEmitted,
        deliveryEventsEmitted: deliveryEvents,
        redelivery: {
          deliveries: REDELIVERED,
          ...redeliveredRuns,
          note: "the same bytes again. record-delivery is batched, and the engine's per-event-id dedupe does not apply to batches, so these start a batch run; its insert-on-conflict keeps one row per delivery. Unbatched handlers of facebook/webhook.received are deduplicated by event id.",
        },
        phases: {
          burstWithFunctionsRegistered: burst,
          burstWithoutFunctionsRegistered: unregistered,
          unsignedBurstRefused: refused,
          oneAtATime,
          redeliveryBurst: redelivery,
        },
        setup: "next start (production build, .next-e2e) + Inngest Dev Server 1.43.0, same 2-core machine as the load generator; embedded database (PGlite in the app process) unless DATABASE_URL is set",
      };
    } finally {
      await app.stop();
    }
  },
};
