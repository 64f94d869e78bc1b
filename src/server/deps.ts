import { env } from "@/env";
import { getDb, type Db } from "./db";
import { createServices } from "./services";
import type { Services } from "./services/types";

/** What every Inngest function and route handler works with; injected, never imported directly. */
export interface Deps {
  db: Db;
  services: Services;
}

const store = globalThis as unknown as { __aigencyDeps?: Promise<Deps>; __aigencyDepsOverride?: Deps };

export function getDeps(): Promise<Deps> {
  if (store.__aigencyDepsOverride) return Promise.resolve(store.__aigencyDepsOverride);
  store.__aigencyDeps ??= (async () => {
    const db = await getDb();
    return { db, services: createServices({ env: env(), db }) };
  })();
  return store.__aigencyDeps;
}

/** Tests swap the whole set (a PGlite db, fakes) and call with no argument to restore. */
export function setDeps(deps?: Deps): void {
  store.__aigencyDepsOverride = deps;
}
