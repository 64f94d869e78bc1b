import { describe, expect, it } from "vitest";
import { createDeliveryModel } from "@/server/services/facebook/simulated-performance";
import type { SimulatedObject } from "@/server/services/facebook/simulated-store";
import type { InsightsRow } from "@/server/services/facebook/types";

/**
 * The delivery model on its own, over many campaigns shaped like the offline plan (2–3 ad sets × 2
 * ads), deployed on 2026-11-20 and read ten days later: the ranges the e2e and the rules rely on
 * hold for every one of them, not just for the ids one integration test happens to draw.
 */
const DEPLOYED = "2026-11-20";
const active = (date = DEPLOYED) => ({ _statusHistory: [{ at: `${date}T15:00:00Z`, date, status: "ACTIVE" }] });

function campaign(n: number, adSets: number, budget: number) {
  const objects: SimulatedObject[] = [];
  let seq = 0;
  const make = (kind: string, parentId: string | null, fields: Record<string, unknown>): SimulatedObject => {
    const o = { id: `120${String(n).padStart(6, "0")}${String(seq).padStart(9, "0")}`, adAccountId: "act_1", kind, parentId, name: kind, status: "ACTIVE", fields, createdAt: new Date(Date.UTC(2026, 10, 20, 15, 0, seq++)) };
    objects.push(o);
    return o;
  };
  const c = make("campaign", null, active());
  const sets = Array.from({ length: adSets }, () => {
    const s = make("adset", c.id, { ...active(), daily_budget: budget });
    return { id: s.id, ads: [make("ad", s.id, active()).id, make("ad", s.id, active()).id] };
  });
  return { objects, campaignId: c.id, sets, total: adSets * budget };
}

const total = (rows: InsightsRow[], k: "spendCents" | "impressions" | "clicks" | "conversionValueCents") => rows.reduce((n, r) => n + (r[k] ?? 0), 0);
const ctr = (rows: InsightsRow[]) => (total(rows, "clicks") / total(rows, "impressions")) * 100;
const ALL = { since: "2026-01-01", until: "2026-12-31" };

describe("simulated delivery model", () => {
  it("after ten days every offline-plan campaign has one weak ad, full pacing and a return of 3.3–4.5×", () => {
    for (let n = 0; n < 150; n++) {
      const adSets = 2 + (n % 2);
      const c = campaign(n, adSets, [666, 1000, 3333][n % 3]!);
      const model = createDeliveryModel(c.objects, { date: "2026-11-30", fraction: 0.5 });
      const days = model.insights(c.campaignId, { since: DEPLOYED, until: "2026-11-29" });
      expect(days).toHaveLength(10);
      for (const d of days) {
        expect(d.spendCents / c.total).toBeGreaterThanOrEqual(0.91);
        expect(d.spendCents / c.total).toBeLessThanOrEqual(0.99);
      }
      const last3 = days.slice(-3);
      const roas = total(last3, "conversionValueCents") / total(last3, "spendCents");
      expect(roas).toBeGreaterThanOrEqual(3.3);
      expect(roas).toBeLessThanOrEqual(4.5);
      const weak = model.insights(c.sets[0]!.ads[1]!, ALL);
      expect(total(weak, "impressions")).toBeGreaterThanOrEqual(1000);
      expect(ctr(weak)).toBeGreaterThanOrEqual(0.15);
      expect(ctr(weak)).toBeLessThanOrEqual(0.25);
      for (const ad of [c.sets[0]!.ads[0]!, ...c.sets.slice(1).flatMap((s) => s.ads)]) expect(ctr(model.insights(ad, ALL))).toBeGreaterThan(0.5);
      // Today (half elapsed) is about half a day's spend.
      const today = model.insights(c.campaignId, { since: "2026-11-30", until: "2026-11-30" })[0]!;
      expect(today.spendCents / c.total).toBeGreaterThan(0.45);
      expect(today.spendCents / c.total).toBeLessThan(0.5);
    }
  });

  it("gives the same rows for the same objects and day, and different rows for different ads", () => {
    const c = campaign(7, 2, 1000);
    const a = createDeliveryModel(c.objects, { date: "2026-11-25", fraction: 1 });
    const b = createDeliveryModel(structuredClone(c.objects), { date: "2026-11-25", fraction: 1 });
    expect(b.insights(c.campaignId, ALL)).toEqual(a.insights(c.campaignId, ALL));
    expect(a.insights(c.sets[1]!.ads[0]!, ALL)).not.toEqual(a.insights(c.sets[1]!.ads[1]!, ALL));
  });

  it("reads a paused campaign, a re-activated ad and a budget change from the histories, day by day", () => {
    const c = campaign(9, 2, 1000);
    const byId = new Map(c.objects.map((o) => [o.id, o]));
    const ad = byId.get(c.sets[1]!.ads[0]!)!;
    ad.fields = { _statusHistory: [...active()._statusHistory, { at: "", date: "2026-11-22", status: "PAUSED" }, { at: "", date: "2026-11-24", status: "ACTIVE" }] };
    const set = byId.get(c.sets[1]!.id)!;
    set.fields = { ...set.fields, _budgetHistory: [{ at: "", date: DEPLOYED, dailyBudget: 1000 }, { at: "", date: "2026-11-23", dailyBudget: 3000 }] };
    const camp = byId.get(c.campaignId)!;
    camp.fields = { _statusHistory: [...active()._statusHistory, { at: "", date: "2026-11-26", status: "PAUSED" }] };
    const model = createDeliveryModel(c.objects, { date: "2026-11-28", fraction: 1 });
    expect(model.insights(ad.id, ALL).map((r) => r.dateStart)).toEqual(["2026-11-20", "2026-11-21", "2026-11-24", "2026-11-25"]);
    const setDays = model.insights(set.id, ALL);
    expect(setDays.map((r) => r.dateStart)).toEqual(["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(setDays[2]!.spendCents).toBeLessThanOrEqual(990); // its other ad alone, old budget
    expect(setDays[3]!.spendCents).toBeGreaterThanOrEqual(2760); // new budget from the 23rd
    expect(model.insights(c.campaignId, ALL).at(-1)!.dateStart).toBe("2026-11-25");
  });
});
