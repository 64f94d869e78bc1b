import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type every query takes: PGlite and postgres-js both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/**
 * Opens the database: Postgres when a URL is given, otherwise PGlite in `dataDir`
 * (`memory://` for an in-memory one). PGlite is migrated here because nobody else will;
 * a real Postgres is migrated by `npm run db:migrate` so deploys control when schema changes.
 */
export async function openDb(opts: { url?: string; dataDir?: string; migrate?: boolean }): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return { db, driver: "postgres", close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? "memory://";
  // PGlite creates its own folder but not the parents: a fresh clone has no .data yet.
  if (!dataDir.includes("://")) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  if (opts.migrate ?? true) {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  return { db, driver: "pglite", close: () => client.close() };
}
