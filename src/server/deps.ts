import { env } from "@/env";
import { getDb, type Db } from "./db";
import { createServices } from "./services";
import type { Services } from "./services/types";

/** What every Inngest function and route handler works with; injected, never imported directly. */
export interface Deps {
  db: Db;
  services: Services;
}

const store = globalThis as unknown as {
  __aigencyDeps?: Promise<Deps>;
  __aigencyDepsResolved?: Deps;
  __aigencyDepsOverride?: Deps;
};

export function getDeps(): Promise<Deps> {
  if (store.__aigencyDepsOverride) return Promise.resolve(store.__aigencyDepsOverride);
  store.__aigencyDeps ??= (async () => {
    const db = await getDb();
    const deps = { db, services: createServices({ env: env(), db }) };
    store.__aigencyDepsResolved = deps;
    return deps;
  })();
  return store.__aigencyDeps;
}

/** The deps if already available without waiting: the test override, or the resolved set. */
export function peekDeps(): Deps | undefined {
  return store.__aigencyDepsOverride ?? store.__aigencyDepsResolved;
}

/** Tests swap the whole set (a PGlite db, fakes) and call with no argument to restore. */
export function setDeps(deps?: Deps): void {
  store.__aigencyDepsOverride = deps;
}
