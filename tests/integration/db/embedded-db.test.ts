import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/server/db/client";
import { projects } from "@/server/db/schema";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "aigency-pglite-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("embedded database", () => {
  it("opens in a data folder that does not exist yet (a fresh clone), migrated, and keeps rows across restarts", async () => {
    const dataDir = path.join(root, "not-yet", ".data", "pglite");
    const first = await openDb({ dataDir });
    const tables = await first.db.execute(sql`select count(*)::int as n from information_schema.tables where table_name = 'projects'`);
    expect((tables as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
    await first.db.execute(sql`insert into organizations (id, name) values ('org-1', 'Org')`);
    await first.db.insert(projects).values({ organizationId: "org-1", name: "Kept" });
    await first.close();

    const again = await openDb({ dataDir });
    expect((await again.db.select().from(projects)).map((p) => p.name)).toEqual(["Kept"]);
    await again.close();
  });
});
