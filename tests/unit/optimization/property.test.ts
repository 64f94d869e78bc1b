import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AutonomyPolicy } from "@/server/optimization/types";
import { dayOf, simulate, type DayMetrics, type LoggedDecision, type Scenario } from "./simulation";

// Fixed-offset zones, so the simulation can place "10:00 local" without a time-zone library.
const ZONES = [
  { name: "UTC", offsetHours: 0 },
  { name: "Asia/Tokyo", offsetHours: 9 },
  { name: "America/Bogota", offsetHours: -5 },
  { name: "Asia/Kolkata", offsetHours: 5.5 },
];

const anyDay: fc.Arbitrary<DayMetrics> = fc.record({
  impressions: fc.integer({ min: 0, max: 6_000 }),
  reachPct: fc.integer({ min: 15, max: 100 }),
  clicksPerMille: fc.integer({ min: 0, max: 30 }),
  spendPct: fc.integer({ min: 0, max: 120 }),
  conversions: fc.integer({ min: 0, max: 12 }),
  returnTenths: fc.integer({ min: 0, max: 60 }),
});
// Days that spend the whole budget at a high return: without them raises would almost never be tried.
const winningDay: fc.Arbitrary<DayMetrics> = fc.record({
  impressions: fc.integer({ min: 1_000, max: 6_000 }),
  reachPct: fc.integer({ min: 40, max: 100 }),
  clicksPerMille: fc.integer({ min: 5, max: 30 }),
  spendPct: fc.integer({ min: 92, max: 120 }),
  conversions: fc.integer({ min: 1, max: 12 }),
  returnTenths: fc.integer({ min: 30, max: 60 }),
});
const dayMetrics = fc.oneof(anyDay, winningDay);

const policy: fc.Arbitrary<AutonomyPolicy> = fc.record({
  autonomousMaxPercent: fc.integer({ min: 0, max: 100 }),
  blockAbovePercent: fc.integer({ min: 0, max: 200 }),
  // Mostly off, so most runs exercise the percent limits and the cap.
  suggestOnly: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  dryRun: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  dailyCapCents: fc.integer({ min: 0, max: 20_000 }),
  cooldownHours: fc.integer({ min: 0, max: 48 }),
});

const scenario: fc.Arbitrary<Scenario> = fc.record({
  adSets: fc.array(fc.record({ budgetCents: fc.integer({ min: 100, max: 20_000 }), ads: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
  metrics: fc.array(fc.array(dayMetrics, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 12 }),
  sweeps: fc.array(fc.array(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
  approvals: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  policy,
  zone: fc.constantFrom(...ZONES),
  days: fc.integer({ min: 4, max: 12 }),
});

const HOUR = 3_600_000;
const JARGON = /\b(CTR|ROAS|CPA|CPM|KPI|impressions?|frequency|conversions?|NaN|Infinity|undefined)\b/i;
const acted = (l: LoggedDecision) => l.decision.disposition === "autonomous" || l.decision.disposition === "approval";

/** Every invariant the engine promises, checked on one simulated campaign. */
function checkInvariants(sc: Scenario, decisions: LoggedDecision[], adSetsEmptied: string[]) {
  const { policy: p } = sc;
  const autonomous = decisions.filter((l) => l.decision.disposition === "autonomous");

  // Never more money moved per account day than the cap by autonomous actions.
  const perDay = new Map<string, number>();
  for (const l of autonomous) perDay.set(dayOf(l.at, sc.zone.name), (perDay.get(dayOf(l.at, sc.zone.name)) ?? 0) + l.decision.moneyMovedCents);
  for (const moved of perDay.values()) expect(moved).toBeLessThanOrEqual(p.dailyCapCents);

  for (const l of autonomous) {
    const money = l.decision.moneyMovedCents * 100;
    // Never a total-budget increase without approval above min(X, 30)%; nothing above X% alone.
    if (l.decision.kind === "RAISE_BUDGET") expect(money).toBeLessThanOrEqual(Math.min(p.autonomousMaxPercent, 30) * l.totalCents);
    expect(money).toBeLessThanOrEqual(p.autonomousMaxPercent * l.totalCents);
  }
  if (p.suggestOnly || p.dryRun) expect(autonomous).toEqual([]);
  if (p.dryRun) expect(decisions.filter((l) => l.decision.disposition !== "dry-run")).toEqual([]);

  // Nothing above Y% ever runs or is offered for approval: it is blocked.
  for (const l of decisions.filter(acted)) expect(l.decision.moneyMovedCents * 100).toBeLessThanOrEqual(p.blockAbovePercent * l.totalCents);

  // Never two changes to one object inside its cooldown; one budget change per ad set per account day.
  const touches = new Map<string, LoggedDecision[]>();
  for (const l of decisions.filter(acted)) for (const id of l.decision.objectIds) touches.set(id, [...(touches.get(id) ?? []), l]);
  for (const list of touches.values()) {
    for (let i = 1; i < list.length; i++) expect(list[i]!.at.getTime() - list[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(p.cooldownHours * HOUR);
    const budgetDays = list.filter((l) => ["SHIFT_BUDGET", "RAISE_BUDGET"].includes(l.decision.kind)).map((l) => dayOf(l.at, sc.zone.name));
    expect(new Set(budgetDays).size).toBe(budgetDays.length);
  }

  // Shifts keep the total.
  for (const l of decisions.filter((x) => x.decision.kind === "SHIFT_BUDGET")) {
    const sum = (b: Record<string, number> = {}) => Object.values(b).reduce((a, x) => a + x, 0);
    expect(sum(l.decision.after.dailyBudgets)).toBe(sum(l.decision.before.dailyBudgets));
  }

  // Never the last active ad of an ad set paused.
  expect(adSetsEmptied).toEqual([]);

  // Plain words for the owner, whatever the numbers.
  for (const { decision: d } of decisions) for (const text of [d.reason, d.projectedEffect, d.policyNote ?? ""]) expect(text).not.toMatch(JARGON);
}

describe("evaluatePerformance over simulated weeks (property)", () => {
  // ~4 s on one core: 300 campaigns of up to 12 days and 3 sweeps a day.
  it("keeps every promise of the policy whatever the numbers", { timeout: 60_000 }, () => {
    const seen = { autonomous: 0, approval: 0, blocked: 0, dryRun: 0, raises: 0, shifts: 0, pauses: 0, rotations: 0 };
    fc.assert(
      fc.property(scenario, (sc) => {
        const log = simulate(sc);
        for (const l of log.decisions) {
          const d = l.decision;
          seen[d.disposition === "dry-run" ? "dryRun" : d.disposition] += 1;
          if (d.kind === "RAISE_BUDGET") seen.raises += 1;
          if (d.kind === "SHIFT_BUDGET") seen.shifts += 1;
          if (d.kind === "PAUSE_AD") seen.pauses += 1;
          if (d.kind === "ROTATE_CREATIVE") seen.rotations += 1;
        }
        checkInvariants(sc, log.decisions, log.adSetsEmptied);
      }),
      { numRuns: 300 },
    );
    // The generator must actually reach the rules and every disposition, or the property proves nothing.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });
});

