import path from "node:path";
import { env } from "@/env";
import { openDb, type DbHandle } from "./client";

export type { Db } from "./client";

// Cached on globalThis because Next's dev server re-evaluates modules on every edit and a second
// PGlite on the same directory would corrupt it.
const store = globalThis as unknown as { __aigencyDb?: Promise<DbHandle> };

/** The app's database, opened once per process from the environment. */
export function getDbHandle(): Promise<DbHandle> {
  store.__aigencyDb ??= (() => {
    const e = env();
    return openDb({ url: e.DATABASE_URL, dataDir: path.resolve(e.DATA_DIR, "pglite") });
  })();
  return store.__aigencyDb;
}

export async function getDb() {
  return (await getDbHandle()).db;
}
