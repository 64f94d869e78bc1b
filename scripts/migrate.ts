/**
 * `npm run db:migrate`: applies drizzle/ to the database in DATABASE_URL (or to the embedded
 * PGlite when unset, which also happens automatically when the app starts).
 */
import path from "node:path";
import { env } from "../src/env";
import { openDb } from "../src/server/db/client";

const e = env();
const handle = await openDb({ url: e.DATABASE_URL, dataDir: path.resolve(e.DATA_DIR, "pglite"), migrate: true });
console.info(`Migrated ${handle.driver === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${e.DATA_DIR}/pglite`}`);
await handle.close();
