import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getUsage } from "@/app/api/usage/route";
import { setDeps } from "@/server/deps";
import { recordLedgerEntry } from "@/server/usage/record";
import type { MonthUsage } from "@/server/usage/month-view";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let pia: World;
let quinn: World;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  pia = await seedWorld(handle.db, { name: "Pia", connect: false });
  quinn = await seedWorld(handle.db, { name: "Quinn", connect: false });
  const at = new Date("2026-10-05T12:00:00Z");
  const common = { runId: "r", provider: "test", occurredAt: at, kind: "EMAIL" as const, feature: "notifications" as const };
  await recordLedgerEntry(handle.db, { ...common, organizationId: pia.organizationId, dedupeKey: "pia:mail", count: 2 });
  await recordLedgerEntry(handle.db, { ...common, organizationId: quinn.organizationId, dedupeKey: "quinn:mail", count: 7 });
});
afterAll(async () => {
  setDeps();
  await handle.close();
});

const get = (w: World, query: string) => getUsage(jsonRequest(`/api/usage${query}`, { cookie: w.owner.cookie }));

describe("GET /api/usage", () => {
  it("answers the viewer's organization only", async () => {
    const res = await get(pia, "?month=2026-10");
    expect(res.status).toBe(200);
    const body = (await res.json()) as MonthUsage;
    expect(body.agencyCostMicroUsd).toBe(800);
    expect(body.byFeature).toEqual([{ feature: "notifications", kind: "EMAIL", quantity: 2, costMicroUsd: 800 }]);
    const theirs = (await (await get(quinn, "?month=2026-10")).json()) as MonthUsage;
    expect(theirs.agencyCostMicroUsd).toBe(7 * 400);
  });

  it("a month with nothing is empty, not an error", async () => {
    const body = (await (await get(pia, "?month=2026-09")).json()) as MonthUsage;
    expect(body).toMatchObject({ month: "2026-09", agencyCostMicroUsd: 0, byDay: [], byFeature: [], adSpendDeltas: [] });
  });

  it("a malformed month is a 400 naming the field", async () => {
    const res = await get(pia, "?month=2026-13");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: [{ field: "month", message: "must be YYYY-MM" }] });
  });

  it("refuses a request without a session", async () => {
    const res = await getUsage(new Request("http://localhost:3000/api/usage"));
    expect(res.status).toBe(401);
  });
});
