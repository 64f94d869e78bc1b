import postgres from "postgres";
import { openDb, type DbHandle } from "@/server/db/client";

/**
 * A fresh, migrated database for one test file: a new Postgres database (created from
 * DATABASE_URL, dropped afterwards) when DATABASE_URL is set, otherwise in-memory PGlite.
 */
export async function createTestDb(): Promise<DbHandle & { name: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await openDb({ dataDir: "memory://", migrate: true });
    return { ...handle, name: "pglite:memory" };
  }
  const name = `aigency_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString(), migrate: true });
  return {
    ...handle,
    name,
    close: async () => {
      await handle.close();
      const drop = postgres(base, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
