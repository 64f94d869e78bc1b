import { describe, expect, it } from "vitest";
import { accountDay, addDays } from "@/server/performance/account-time";
import { deliveryDays, simulatedDeliveries, simulatedLeads, simulatedReview, type SimulatedCampaign } from "@/server/webhooks/simulated-deliveries";

const campaign = (id: string, objective = "OUTCOME_LEADS"): SimulatedCampaign => ({
  id,
  objective,
  adAccountId: "act_1234",
  adIds: { "ad-0-0": "9001", "ad-0-1": "9002", "ad-1-0": "9003" },
  adSetIds: { "adset-0": "8001", "adset-1": "8002" },
  pageId: "777",
  activationDay: "2026-03-01",
});
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

describe("deliveryDays", () => {
  it("covers the complete days since activation, at most 14, never today", () => {
    expect(deliveryDays({ activationDay: "2026-03-01", today: "2026-03-01" })).toEqual([]);
    expect(deliveryDays({ activationDay: "2026-03-01", today: "2026-03-04" })).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    const long = deliveryDays({ activationDay: "2026-01-01", today: "2026-03-31" });
    expect(long).toHaveLength(14);
    expect(long.at(-1)).toBe("2026-03-30");
  });
});

describe("simulated leads", () => {
  it("0–3 a day, each on an ad of the campaign with its own ad set, created inside that account day in New York and Berlin", () => {
    const counts = new Set<number>();
    for (const d of days("2026-03-01", 200)) {
      const leads = simulatedLeads(campaign("c-1"), d);
      counts.add(leads.length);
      for (const { time, change } of leads) {
        expect(accountDay(time, "America/New_York")).toBe(d);
        expect(accountDay(time, "Europe/Berlin")).toBe(d);
        const adId = String(change.value.ad_id);
        expect(["9001", "9002", "9003"]).toContain(adId);
        expect(change.value.adgroup_id).toBe(adId === "9003" ? "8002" : "8001");
        expect(change.value.created_time).toBe(Math.floor(time.getTime() / 1000));
      }
      // Every lead of a day has its own id.
      expect(new Set(leads.map((l) => l.change.value.leadgen_id)).size).toBe(leads.length);
    }
    expect([...counts].sort()).toEqual([0, 1, 2, 3]);
  });

  it("none for a campaign that does not collect leads", () => {
    expect(days("2026-03-01", 30).flatMap((d) => simulatedLeads(campaign("c-2", "OUTCOME_SALES"), d))).toEqual([]);
  });
});

describe("simulated reviews", () => {
  it("about one day in N, never with N = 0, and the same day always draws the same", () => {
    const all = days("2026-01-01", 2500);
    const flagged = all.filter((d) => simulatedReview(campaign("c-3"), d, 25));
    expect(flagged.length).toBeGreaterThan(60);
    expect(flagged.length).toBeLessThan(140);
    expect(all.filter((d) => simulatedReview(campaign("c-3"), d, 0))).toEqual([]);
    expect(simulatedReview(campaign("c-3"), flagged[0]!, 25)).toEqual(simulatedReview(campaign("c-3"), flagged[0]!, 25));
  });

  it("a body per flagged day on the ad account (entry id without act_), leads batched in one page delivery", () => {
    const bodies = simulatedDeliveries(campaign("c-4"), days("2026-03-01", 10), { reviewOneDayIn: 1 });
    const [page, ...accounts] = bodies;
    expect(page!.object).toBe("page");
    expect(page!.entry.every((e) => e.id === "777")).toBe(true);
    expect(accounts).toHaveLength(10);
    expect(accounts.every((b) => b.object === "ad_account" && b.entry[0]!.id === "1234")).toBe(true);
  });
});
