/**
 * The product's own Inngest client and functions, served from the bench process on a free port with
 * an in-memory PGlite database and latency fakes around the embedded services. Import this module
 * only after INNGEST_DEV and DATA_DIR are set: the product client and env() read them on first use.
 */
import http from "node:http";
import { serve } from "inngest/node";
import { inngest } from "../../inngest/client";
import { functions } from "../../inngest/functions";
import { parseEnv } from "../../src/env";
import { authFor } from "../../src/server/auth/auth";
import { findMembership } from "../../src/server/auth/organization";
import { openDb, type Db } from "../../src/server/db/client";
import { projects } from "../../src/server/db/schema";
import { setDeps } from "../../src/server/deps";
import { savePendingConnection, selectAdAccount } from "../../src/server/facebook/connections";
import { saveBriefVersion } from "../../src/server/onboarding/briefs";
import { createServices } from "../../src/server/services";
import { SIMULATED_PAGE, SIMULATED_TOKEN_PREFIX } from "../../src/server/services/facebook";
import { withLatency, type CallLog } from "./core-loop-fakes";
import { countIncoming, type TrafficLog } from "./core-loop-traffic";
import { listen } from "./environment";

export { inngest };

export interface ProductApp {
  db: Db;
  port: number;
  close(): Promise<void>;
}

/** Serves `functions` with the product client, syncs them with the Dev Server and injects the bench deps. */
export async function startProductApp(opts: { calls: CallLog; traffic: TrafficLog; dataDir: string }): Promise<ProductApp> {
  const handle = await openDb({ dataDir: "memory://", migrate: true });
  const base = createServices({ env: parseEnv({ NODE_ENV: "development", DATA_DIR: opts.dataDir }), db: handle.db });
  setDeps({ db: handle.db, services: withLatency(base, opts.calls) });

  const server = http.createServer(countIncoming(serve({ client: inngest, functions }), opts.traffic));
  const port = await listen(server);
  const sync = await fetch(`http://127.0.0.1:${port}/api/inngest`, { method: "PUT" });
  if (!sync.ok) throw new Error(`product app sync failed: ${sync.status} ${await sync.text()}`);
  return {
    db: handle.db,
    port,
    close: async () => {
      setDeps();
      await new Promise((r) => server.close(r));
      await handle.close();
    },
  };
}

export interface World {
  organizationId: string;
  userId: string;
  projectId: string;
  briefId: string;
  briefVersion: number;
}

/**
 * One tenant ready to be planned for: a signed-up owner (better-auth creates the organization), a
 * project, a confirmed brief and an ACTIVE simulated Facebook connection. Each loop gets its own ad
 * account, so deploy's per-account concurrency and throttle (5/min) never hold one loop behind another.
 */
export async function seedWorld(db: Db, n: number): Promise<World> {
  const email = `bench-${n}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const signUp = await authFor(db).api.signUpEmail({ body: { name: `Bench Owner ${n}`, email, password: "correct horse battery" } });
  const userId = signUp.user.id;
  const membership = await findMembership(db, userId);
  if (!membership) throw new Error("sign-up created no organization");
  const { organizationId } = membership;
  const [project] = await db.insert(projects).values({ organizationId, name: `Bench bakery ${n}`, createdById: userId }).returning();
  const brief = await saveBriefVersion(db, {
    organizationId,
    projectId: project!.id,
    confirmedBy: userId,
    fields: {
      businessDescription: "A neighbourhood bakery selling sourdough and pastries",
      product: "Weekend pastry box delivered before 9am",
      targetAudience: "Families within 5 km who like to brunch at home",
      goal: "SALES",
      monthlyBudgetCents: 60_000,
      budgetCurrency: "USD",
      location: "Lyon, France",
      uniqueSellingPoint: "Baked the same morning with organic flour",
      websiteUrl: "https://bakery.example.com",
    },
  });
  const adAccountId = `act_${200_000_000_000_000 + n}`;
  await savePendingConnection(db, {
    organizationId,
    userId,
    token: { accessToken: `${SIMULATED_TOKEN_PREFIX}bench-${n}`, expiresAt: null },
    adAccounts: [{ id: adAccountId, name: `Bench account ${n}`, currency: "EUR", accountStatus: 1 }],
    pageId: SIMULATED_PAGE.id,
    projectId: project!.id,
    simulated: true,
  });
  const selected = await selectAdAccount(db, { organizationId, userId, adAccountId });
  if (!selected.ok) throw new Error(`ad account selection failed: ${selected.reason}`);
  return { organizationId, userId, projectId: project!.id, briefId: brief.id, briefVersion: brief.version };
}
