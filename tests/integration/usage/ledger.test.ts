import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import { organizations, usageLedger } from "@/server/db/schema";
import { loadMonthUsage } from "@/server/usage/month-view";
import { recordLedgerEntry, type LedgerEntry } from "@/server/usage/record";
import { createTestDb } from "../../support/db";

let handle: DbHandle;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  handle = await createTestDb();
  const [a, b] = await handle.db.insert(organizations).values([{ name: "Ledger Org" }, { name: "Other Org" }]).returning();
  orgId = a!.id;
  otherOrgId = b!.id;
});
afterAll(() => handle.close());
beforeEach(() => handle.db.delete(usageLedger));

const day = (d: number) => new Date(Date.UTC(2026, 11, d, 10));
const base = { runId: "run-1", provider: "test" } as const;

// Hand-priced: sandbox 18.6 µ$/s, email 400 µ$, storage 21,000 µ$/GB.
const fixtures = (): LedgerEntry[] => [
  { ...base, organizationId: orgId, dedupeKey: "cv:1", feature: "creative", kind: "SANDBOX_SECONDS", seconds: 100, occurredAt: day(1) }, // 1,860
  { ...base, organizationId: orgId, dedupeKey: "cv:2", feature: "creative", kind: "SANDBOX_SECONDS", seconds: 50, occurredAt: day(2) }, // 930
  { ...base, organizationId: orgId, dedupeKey: "mail:1", feature: "notifications", kind: "EMAIL", count: 3, occurredAt: day(2) }, // 1,200
  { ...base, organizationId: orgId, dedupeKey: "up:1", feature: "creative", kind: "STORAGE_BYTES", bytes: 2_000_000_000, occurredAt: day(2) }, // 42,000
  { ...base, organizationId: orgId, dedupeKey: "act:1", feature: "optimization", kind: "AD_SPEND_DELTA", deltaMicros: 5_000_000, occurredAt: day(2) },
  { ...base, organizationId: orgId, dedupeKey: "nov", feature: "creative", kind: "EMAIL", count: 1, occurredAt: new Date(Date.UTC(2026, 10, 30, 23, 59)) },
  { ...base, organizationId: otherOrgId, dedupeKey: "other:1", feature: "creative", kind: "SANDBOX_SECONDS", seconds: 1000, occurredAt: day(1) },
];

const month = () => loadMonthUsage(handle.db, { organizationId: orgId, month: "2026-12" });

describe("cost ledger", () => {
  it("sums this month by day and by feature, ad spend apart, other org and month excluded", async () => {
    for (const e of fixtures()) await recordLedgerEntry(handle.db, e);
    const view = await month();
    expect(view.agencyCostMicroUsd).toBe(1_860 + 930 + 1_200 + 42_000);
    expect(view.byDay).toEqual([
      { day: "2026-12-01", costMicroUsd: 1_860 },
      { day: "2026-12-02", costMicroUsd: 930 + 1_200 + 42_000 },
    ]);
    expect(view.byFeature).toEqual([
      { feature: "creative", kind: "SANDBOX_SECONDS", quantity: 150, costMicroUsd: 2_790 },
      { feature: "creative", kind: "STORAGE_BYTES", quantity: 2_000_000_000, costMicroUsd: 42_000 },
      { feature: "notifications", kind: "EMAIL", quantity: 3, costMicroUsd: 1_200 },
    ]);
    expect(view.adSpendDeltas).toEqual([{ day: "2026-12-02", feature: "optimization", deltaMicros: 5_000_000 }]);
  });

  it("a rerun (same dedupe keys, new run id) does not bill twice", async () => {
    for (const e of fixtures()) await recordLedgerEntry(handle.db, e);
    const first = await month();
    const again = await Promise.all(fixtures().map((e) => recordLedgerEntry(handle.db, { ...e, runId: "run-2" })));
    expect(again.every((inserted) => !inserted)).toBe(true);
    expect(await month()).toEqual(first);
  });

  it("concurrent duplicate records count once", async () => {
    const entry = fixtures()[0]!;
    const results = await Promise.all(Array.from({ length: 8 }, () => recordLedgerEntry(handle.db, entry)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await month()).agencyCostMicroUsd).toBe(1_860);
  });

  it("the month total equals the sum of distinct rows whatever the order or duplication", async () => {
    const entry = fc.record({
      key: fc.integer({ min: 0, max: 9 }),
      seconds: fc.integer({ min: 0, max: 10_000 }),
      date: fc.integer({ min: 1, max: 31 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 25 }), async (records) => {
        await handle.db.delete(usageLedger);
        const firstByKey = new Map<number, number>();
        for (const r of records) {
          if (!firstByKey.has(r.key)) firstByKey.set(r.key, r.seconds);
          await recordLedgerEntry(handle.db, {
            ...base,
            organizationId: orgId,
            dedupeKey: `p:${r.key}`,
            feature: "app-generation",
            kind: "SANDBOX_SECONDS",
            seconds: r.seconds,
            occurredAt: day(r.date),
          });
        }
        const expected = [...firstByKey.values()].reduce((s, secs) => s + Math.round(secs * 18.6), 0);
        const view = await month();
        expect(view.agencyCostMicroUsd).toBe(expected);
        expect(view.byDay.reduce((s, d) => s + d.costMicroUsd, 0)).toBe(expected);
      }),
      { numRuns: 30 },
    );
  });
});
