import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { accountNow, accountToday } from "@/server/performance/account-clock";
import { connectFacebookAccount } from "@/server/facebook/oauth";
import { createAdPlatform, createSimulatedAdPlatform, SIMULATED_AD_ACCOUNTS, type AdPlatform } from "@/server/services/facebook";
import { accountDay, advanceSimulatedClocks, DAY_MS, readClockOffsetMs } from "@/server/services/facebook/simulated-clock";
import type { Services } from "@/server/services/types";
import { createTestDb } from "../../support/db";
import { seedMember } from "../onboarding/support";

let handle: DbHandle;
const simulated = (): AdPlatform => createSimulatedAdPlatform({ db: handle.db });
const simulatedDeps = () => ({ db: handle.db, services: { facebook: simulated() } as Services });
const graphDeps = () => ({
  db: handle.db,
  services: { facebook: createAdPlatform({ env: parseEnv({ FACEBOOK_APP_ID: "1", FACEBOOK_APP_SECRET: "s" }), db: handle.db }) } as Services,
});

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

describe("simulated clock", () => {
  it("advances only the named accounts, and concurrent advances add up", async () => {
    const [a, b, other] = ["act_700000000000001", "act_700000000000002", "act_700000000000003"];
    await Promise.all([advanceSimulatedClocks(handle.db, [a!, b!], 3), advanceSimulatedClocks(handle.db, [b!, a!], 2), advanceSimulatedClocks(handle.db, [a!], 1)]);
    expect(await readClockOffsetMs(handle.db, a!)).toBe(6 * DAY_MS);
    expect(await readClockOffsetMs(handle.db, b!)).toBe(5 * DAY_MS);
    expect(await readClockOffsetMs(handle.db, other!)).toBe(0);
  });

  it("accountNow is real time plus the offset for a simulated account, real time for a Graph account", async () => {
    const id = "act_700000000000010";
    await advanceSimulatedClocks(handle.db, [id], 10);
    const before = Date.now();
    const simulated = await accountNow(simulatedDeps(), id);
    const real = await accountNow(graphDeps(), id);
    const after = Date.now();
    expect(simulated.getTime()).toBeGreaterThanOrEqual(before + 10 * DAY_MS);
    expect(simulated.getTime()).toBeLessThanOrEqual(after + 10 * DAY_MS);
    expect(real.getTime()).toBeGreaterThanOrEqual(before);
    expect(real.getTime()).toBeLessThanOrEqual(after);
  });

  it("reads the account day in the zone Facebook gave the account at login", async () => {
    const member = await seedMember(handle.db, "Tz");
    const facebook = simulated();
    const result = await connectFacebookAccount(
      { db: handle.db, facebook, env: { APP_URL: "http://localhost:3000" } },
      { organizationId: member.organizationId, userId: member.userId, projectId: member.projectId, code: "sim_tz" },
    );
    if (!result.ok) throw new Error(result.message);
    const berlin = result.connection.adAccountChoices.find((c) => c.currency === "EUR")!;
    expect(berlin.timezoneName).toBe(SIMULATED_AD_ACCOUNTS[1]!.timezoneName);
    const today = await accountToday({ db: handle.db, services: { facebook } as Services }, berlin.id);
    expect(today.timeZone).toBe("Europe/Berlin");
    expect(today.date).toBe(accountDay(today.now, "Europe/Berlin").date);
    // An account no login lists is read in UTC.
    expect((await accountToday(graphDeps(), "act_1")).timeZone).toBe("UTC");
  });

  it("accountDay gives the local date and the share of the day elapsed", () => {
    expect(accountDay(new Date("2026-11-13T03:00:00Z"), "America/New_York")).toEqual({ date: "2026-11-12", fraction: 22 / 24 });
    expect(accountDay(new Date("2026-11-13T03:00:00Z"), "Europe/Berlin")).toEqual({ date: "2026-11-13", fraction: 4 / 24 });
    expect(accountDay(new Date("2026-11-13T00:00:00Z"), "UTC")).toEqual({ date: "2026-11-13", fraction: 0 });
  });
});
