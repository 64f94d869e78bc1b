import { count } from "drizzle-orm";
import { setupServer } from "msw/node";
import { openDb } from "../../src/server/db/client";
import { performanceSnapshots } from "../../src/server/db/schema";
import { pullAccountSnapshots } from "../../src/server/performance/pull-account";
import { createGraphAdPlatform } from "../../src/server/services/facebook";
import { GRAPH_BATCH_LIMIT } from "../../src/server/services/facebook/types";
import { createGraphFake } from "../../tests/mocks/graph";
import type { BenchSuite } from "../lib/context";
import { seedMonitoringWorld, type MonitoringShape } from "../lib/monitoring-world";
import { round } from "../lib/stats";

const SHAPE: MonitoringShape = { accounts: 20, campaignsPerAccount: 50, adSets: 3, adsPerAdSet: 2 };
const GRAPH_URL = "http://graph.bench";
const SECRET = "bench-app-secret";

/**
 * A monitoring sweep over 1,000 campaigns (3 ad sets × 2 ads) in 20 ad accounts: the product's
 * per-account pull (`pullAccountSnapshots`, what each `pull-account-snapshots` run does) with the real
 * Graph client against the msw Graph fake at the network boundary, the 20 accounts pulled at once as
 * the engine runs them. Counts the HTTP requests that reached "Graph" and the snapshot rows upserted.
 */
export const monitoringSuite: BenchSuite = {
  name: "monitoring",
  resultFile: "monitoring.json",
  functions: () => [],
  async measure() {
    // Dynamic: the test support imports the product's Inngest client, which must not be built before
    // another suite (core-loop, appgen) has pointed INNGEST_DEV at the bench's Dev Server.
    const { connect, embeddedDeps, seedWorld } = await import("../../tests/integration/campaigns/support");
    const handle = await openDb({ dataDir: "memory://", migrate: true });
    const fake = createGraphFake({ baseUrl: GRAPH_URL, appId: "42", appSecret: SECRET, tokens: ["EAAB-test-token"] });
    const server = setupServer(...fake.handlers);
    server.listen({ onUnhandledRequest: "bypass" });
    try {
      const w = await seedWorld(handle.db, { name: "Bench" });
      await connect(handle.db, { organizationId: w.organizationId, userId: w.owner.userId });
      const { adAccountIds, objects } = await seedMonitoringWorld(handle.db, fake, w, SHAPE);
      const deps = embeddedDeps(handle.db, { facebook: createGraphAdPlatform({ appId: "42", appSecret: SECRET, graphUrl: GRAPH_URL }) });
      fake.requests.length = 0;

      const started = performance.now();
      const pulls = await Promise.all(
        adAccountIds.map((adAccountId) => pullAccountSnapshots(deps, { organizationId: w.organizationId, adAccountId, sweepId: "bench" })),
      );
      const sweepWallMs = performance.now() - started;

      const [{ rows }] = (await handle.db.select({ rows: count() }).from(performanceSnapshots)) as [{ rows: number }];
      const perAccount = objects / SHAPE.accounts;
      return {
        objects,
        accounts: SHAPE.accounts,
        campaigns: SHAPE.accounts * SHAPE.campaignsPerAccount,
        graphRequests: fake.requests.length,
        graphRequestBound: SHAPE.accounts * Math.ceil(perAccount / GRAPH_BATCH_LIMIT),
        sweepWallMs: round(sweepWallMs),
        rowsWritten: rows,
        rowsStoredByPulls: pulls.reduce((n, p) => n + p.stored, 0),
        rowsPerSecond: round(rows / (sweepWallMs / 1000)),
        database: "PGlite (in memory)",
        note: "one sweep; each account's pull is what one pull-account-snapshots run does, without the engine's step round trips (measured in engine.json)",
      };
    } finally {
      server.close();
      await handle.close();
    }
  },
};
