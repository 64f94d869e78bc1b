import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/env";
import { lastAccountDays } from "@/server/performance/account-day";
import { objectsOf } from "@/server/performance/live-objects";
import { pullInBatches } from "@/server/performance/pull-batches";
import { toSnapshotRows } from "@/server/performance/snapshot-rows";
import { accountSweepEventId, sweepIdForTick } from "@/server/performance/sweep-ids";
import { GraphApiError, type AdPlatform, type ObjectPerformance, type PerformanceResult } from "@/server/services/facebook/types";

const range = { since: "2026-11-28", until: "2026-11-30" };
const perf = (over: Partial<ObjectPerformance> = {}): ObjectPerformance => ({
  objectId: "s1", level: "adset", status: "ACTIVE", effectiveStatus: "ACTIVE", dailyBudgetCents: 1500, days: [], raw: { id: "s1" }, ...over,
});
const day = (date: string, over: Record<string, number> = {}) => ({
  dateStart: date, dateStop: date, spendCents: 1000, impressions: 2000, reach: 500, clicks: 20, ctr: 0, conversions: 4, conversionValueCents: 3000, ...over,
});
const planned = { objectId: "s1", level: "adset" as const, campaignId: "camp", parentObjectId: "c1" };
const ctx = (currency = "USD") => ({ organizationId: "org", adAccountId: "act_1", currency, range, pulledAt: new Date(0) });

describe("toSnapshotRows", () => {
  it("derives ROAS, cost per conversion, CTR and frequency, and keeps the days inside the range", () => {
    const rows = toSnapshotRows(perf({ days: [day("2026-11-27"), day("2026-11-29"), day("2026-11-30", { frequency: 3.2 })] }), planned, ctx());
    expect(rows.map((r) => r.date)).toEqual(["2026-11-29", "2026-11-30"]);
    expect(rows[0]).toMatchObject({ roas: 3, costPerConversionCents: 250, ctr: 1, frequency: 4, dailyBudgetCents: 1500, parentObjectId: "c1" });
    expect(rows[1]!.frequency).toBe(3.2);
  });

  it("writes today's row with the object's state even when Graph reports no delivery", () => {
    const [row] = toSnapshotRows(perf({ status: "PAUSED", days: [] }), planned, ctx());
    expect(row).toMatchObject({ date: "2026-11-30", spendCents: 0, impressions: 0, objectStatus: "PAUSED", roas: null, costPerConversionCents: null });
  });

  it("turns Graph's whole-unit budgets (JPY: offset 1) into hundredths", () => {
    expect(toSnapshotRows(perf({ dailyBudgetCents: 1500 }), planned, ctx("JPY"))[0]!.dailyBudgetCents).toBe(150_000);
    expect(toSnapshotRows(perf({ dailyBudgetCents: undefined }), planned, ctx())[0]!.dailyBudgetCents).toBeNull();
  });
});

describe("objects of a deployed campaign", () => {
  it("gives each ad its ad set of the same index as parent", () => {
    const objects = objectsOf({ id: "camp", fbCampaignId: "c", fbAdSetIds: { "adset-1": "s1", "adset-0": "s0" }, fbAdIds: { "ad-1-0": "a10", "ad-0-1": "a01" } });
    expect(objects.map((o) => [o.objectId, o.level, o.parentObjectId])).toEqual([
      ["c", "campaign", null], ["s0", "adset", "c"], ["s1", "adset", "c"], ["a01", "ad", "s0"], ["a10", "ad", "s1"],
    ]);
  });
});

describe("sweep ids and account days", () => {
  it("derives one sweep id per cron tick and one account event id per organization and account", () => {
    const a = sweepIdForTick({ ts: Date.parse("2026-11-30T08:00:00.250Z") });
    expect(a).toBe(sweepIdForTick({ ts: Date.parse("2026-11-30T08:00:41Z") }));
    expect(a).toBe("sweep-2026-11-30T08:00:00.000Z");
    expect(accountSweepEventId(a, { organizationId: "o1", adAccountId: "act_9" })).toBe(`${a}:act_9:o1`);
  });

  it("cuts the last three days in the account's zone, not UTC", () => {
    const at = new Date("2026-11-30T03:00:00Z");
    expect(lastAccountDays(at, "America/New_York")).toEqual({ since: "2026-11-27", until: "2026-11-29" });
    expect(lastAccountDays(at, "UTC")).toEqual({ since: "2026-11-28", until: "2026-11-30" });
  });

  it("validates MONITOR_CRON, defaulting to every 4 hours", () => {
    expect(parseEnv({}).MONITOR_CRON).toBe("0 */4 * * *");
    expect(parseEnv({ MONITOR_CRON: "TZ=Europe/Paris 30 6 * * 1-5" }).MONITOR_CRON).toBe("TZ=Europe/Paris 30 6 * * 1-5");
    expect(() => parseEnv({ MONITOR_CRON: "every 4 hours" })).toThrow(EnvError);
    expect(() => parseEnv({ MONITOR_CRON: "0 */4 * *" })).toThrow(/MONITOR_CRON/);
  });
});

describe("pullInBatches", () => {
  /** A platform answering from a script: `fail[id]` is the error for that id in each successive batch. */
  function scripted(fail: Record<string, (GraphApiError | undefined)[]>, wholeFailure?: { onCall: number; error: GraphApiError }) {
    const calls: string[][] = [];
    const platform = {
      async getPerformanceBatch(_ctx: unknown, queries: { objectId: string; level: "ad" }[]): Promise<PerformanceResult[]> {
        calls.push(queries.map((q) => q.objectId));
        if (wholeFailure && calls.length === wholeFailure.onCall) throw wholeFailure.error;
        return queries.map(({ objectId, level }) => {
          const error = fail[objectId]?.shift();
          return error ? { objectId, ok: false, error } : { objectId, ok: true, value: { objectId, level, status: "ACTIVE", days: [], raw: {} } };
        });
      },
    } as unknown as AdPlatform;
    return { platform, calls };
  }
  const err = (code: number, httpStatus = 400, isTransient = false) => new GraphApiError(`e${code}`, { code, httpStatus, isTransient });
  const queries = (n: number) => Array.from({ length: n }, (_, i) => ({ objectId: `o${i}`, level: "ad" as const }));
  const ctx = { accessToken: "t", adAccountId: "act_1" };
  const sleep = async () => {};

  it("splits more than 50 objects into batches and skips objects Facebook refuses for good", async () => {
    const { platform, calls } = scripted({ o3: [err(100)] });
    const out = await pullInBatches(platform, ctx, queries(60), range, { sleep });
    expect(calls.map((c) => c.length)).toEqual([50, 10]);
    expect(out.pulled).toHaveLength(59);
    expect(out.skipped).toEqual([{ objectId: "o3", reason: "e100" }]);
    expect(out.stoppedBy).toBeUndefined();
  });

  it("gives up after the last round with the objects still failing as pending", async () => {
    const transient = () => err(2, 500, true);
    const { platform, calls } = scripted({ o1: [transient(), transient(), transient()] });
    const out = await pullInBatches(platform, ctx, queries(3), range, { sleep, rounds: 3 });
    expect(calls).toEqual([["o0", "o1", "o2"], ["o1"], ["o1"]]);
    expect(out.stoppedBy?.kind).toBe("transient");
    expect(out.pending).toEqual(["o1"]);
  });

  it("stops at a throttle without re-batching, and keeps earlier batches when a whole request fails", async () => {
    const throttled = scripted({ o51: [err(17)], o52: [err(2, 500, true)] });
    const out = await pullInBatches(throttled.platform, ctx, queries(60), range, { sleep });
    expect(throttled.calls).toHaveLength(2);
    expect(out.stoppedBy?.kind).toBe("rate-limit");
    expect(out.pending.sort()).toEqual(["o51", "o52"]);
    expect(out.pulled).toHaveLength(58);

    const broken = scripted({}, { onCall: 2, error: err(4) });
    const partial = await pullInBatches(broken.platform, ctx, queries(60), range, { sleep });
    expect(partial.pulled).toHaveLength(50);
    expect(partial.pending).toHaveLength(10);
    expect(partial.stoppedBy?.details.code).toBe(4);
  });
});
