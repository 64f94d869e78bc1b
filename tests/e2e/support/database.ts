import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDb } from "../../../src/server/db/client";

export interface E2eDatabase {
  /** Env for the app: DATABASE_URL (fresh Postgres database) or DATA_DIR (fresh PGlite dir). */
  env: Record<string, string>;
  /** Postgres URL the tests may read directly; undefined on PGlite (one process owns that file). */
  url?: string;
  drop(): Promise<void>;
}

/** A database nobody else uses: a new Postgres database when DATABASE_URL is set, else a temp PGlite dir. */
export async function createE2eDatabase(): Promise<E2eDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigency-e2e-"));
    return { env: { DATA_DIR: dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `aigency_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  // The app never migrates Postgres itself (deploys do), so the harness does, like a deploy would.
  const handle = await openDb({ url: url.toString(), migrate: true });
  await handle.close();
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: async () => {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql.end();
    },
  };
}
