import { accountDay, addDays } from "@/server/performance/account-time";
import { evaluatePerformance } from "@/server/optimization/evaluate";
import type { AutonomyPolicy, Decision, HistoryEntry } from "@/server/optimization/types";
import type { SnapshotRow } from "@/server/performance/types";
import { row } from "./fixtures";

/**
 * Days of a campaign under the engine: each sweep pulls rows from the current state, evaluates, and
 * applies what it decided (autonomous ones, and approvals the "owner" accepts) into the state and the
 * ledger the next sweep reads. The property test checks the log this returns.
 */

export interface DayMetrics {
  impressions: number;
  reachPct: number;
  clicksPerMille: number;
  spendPct: number;
  conversions: number;
  returnTenths: number;
}

export interface Scenario {
  adSets: { budgetCents: number; ads: number }[];
  /** metrics[day][adIndex], cycled when short. */
  metrics: DayMetrics[][];
  /** Hours of the sweeps of each day (account zone), cycled. */
  sweeps: number[][];
  approvals: boolean[];
  policy: AutonomyPolicy;
  zone: { name: string; offsetHours: number };
  days: number;
}

export interface LoggedDecision {
  decision: Decision;
  at: Date;
  /** The campaign's total daily budget when decided. */
  totalCents: number;
  applied: boolean;
}

export interface SimulationLog {
  decisions: LoggedDecision[];
  /** Ad sets left with no active ad after some change (must stay empty). */
  adSetsEmptied: string[];
}

const BASE = "2026-10-01";

export function simulate(sc: Scenario): SimulationLog {
  const adSets = sc.adSets.map((s, i) => ({ id: `as${i}`, ads: Array.from({ length: s.ads }, (_, j) => `ad${i}-${j}`) }));
  const budgets = new Map(sc.adSets.map((s, i) => [`as${i}`, s.budgetCents]));
  // A third ad starts paused: something to rotate to.
  const status = new Map(adSets.flatMap((s) => s.ads.map((id, j) => [id, j === 2 ? "PAUSED" : "ACTIVE"] as [string, string])));
  const allAds = adSets.flatMap((s) => s.ads);
  let rows: SnapshotRow[] = [];
  const history: HistoryEntry[] = [];
  const log: SimulationLog = { decisions: [], adSetsEmptied: [] };
  let approvalIndex = 0;

  const pull = (day: number, fraction: number, pulledAt: Date) => {
    const date = addDays(BASE, day);
    const out: SnapshotRow[] = [];
    const total = { spendCents: 0, impressions: 0, reach: 0, clicks: 0, conversions: 0, conversionValueCents: 0 };
    for (const s of adSets) {
      const sum = { spendCents: 0, impressions: 0, reach: 0, clicks: 0, conversions: 0, conversionValueCents: 0 };
      for (const id of s.ads) {
        const dayMetrics = sc.metrics[day % sc.metrics.length]!;
        const m = dayMetrics[allAds.indexOf(id) % dayMetrics.length]!;
        const on = status.get(id) === "ACTIVE";
        const impressions = on ? Math.floor(m.impressions * fraction) : 0;
        // The ad set's budget is shared by its active ads.
        const active = s.ads.filter((a) => status.get(a) === "ACTIVE").length;
        const spendCents = on ? Math.floor(((budgets.get(s.id)! / active) * m.spendPct * fraction) / 100) : 0;
        const metrics = {
          spendCents,
          impressions,
          reach: impressions > 0 ? Math.max(1, Math.floor((impressions * m.reachPct) / 100)) : 0,
          clicks: Math.floor((impressions * m.clicksPerMille) / 1000),
          conversions: on ? Math.floor(m.conversions * fraction) : 0,
          conversionValueCents: Math.floor((spendCents * m.returnTenths) / 10),
        };
        for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += metrics[k];
        out.push(row({ objectType: "ad", objectId: id, parentObjectId: s.id, date, objectStatus: status.get(id)!, creativeId: `cr-${id}`, pulledAt }, metrics));
      }
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += sum[k];
      out.push(row({ objectType: "adset", objectId: s.id, parentObjectId: "cmp", date, dailyBudgetCents: budgets.get(s.id)!, pulledAt }, sum));
    }
    out.push(row({ objectType: "campaign", objectId: "cmp", date, pulledAt }, total));
    rows = [...rows.filter((r) => r.date !== date), ...out];
    return out;
  };

  const apply = (d: Decision) => {
    for (const [id, s] of Object.entries(d.after.statuses ?? {})) status.set(id, s);
    for (const [id, b] of Object.entries(d.after.dailyBudgets ?? {})) budgets.set(id, b);
    for (const s of adSets) if (!s.ads.some((id) => status.get(id) === "ACTIVE")) log.adSetsEmptied.push(s.id);
  };

  for (let day = 0; day < sc.days; day++) {
    const date = addDays(BASE, day);
    // Yesterday's final numbers, pulled just after midnight.
    if (day > 0) pull(day - 1, 1, instant(date, 0, sc.zone.offsetHours));
    const hours = [...new Set(sc.sweeps[day % sc.sweeps.length]!)].sort((a, b) => a - b);
    for (const hour of hours) {
      const now = instant(date, hour, sc.zone.offsetHours);
      const snapshots = pull(day, (hour + 1) / 24, now);
      const previous = rows.filter((r) => r.date < date && r.date >= addDays(date, -14));
      const totalCents = adSets.reduce((t, s) => t + budgets.get(s.id)!, 0);
      const campaign = { campaignId: "c", projectId: "p", currency: "USD", timezone: sc.zone.name, fbCampaignId: "cmp", activatedAt: new Date(0), totalDailyBudgetCents: totalCents };
      const result = evaluatePerformance({ snapshots, previous, campaign, policy: sc.policy, history, now });
      const record = (decision: Decision, status: string, applied: boolean) => {
        history.push({ kind: decision.kind, objectIds: decision.objectIds, status, moneyMovedCents: decision.moneyMovedCents, at: now, requiresApproval: decision.disposition !== "autonomous", after: decision.after });
        log.decisions.push({ decision, at: now, totalCents, applied });
        if (applied) apply(decision);
      };
      for (const d of result.autonomous) record(d, "APPLIED", true);
      for (const d of result.approval) {
        const approved = sc.approvals[approvalIndex++ % sc.approvals.length]!;
        record(d, approved ? "APPLIED" : "AWAITING_APPROVAL", approved);
      }
      for (const d of result.blocked) record(d, "BLOCKED", false);
      for (const d of result.dryRun) record(d, "DRY_RUN", false);
    }
  }
  return log;
}

/** The instant it is `hour`:00 on `date` in a zone `offsetHours` ahead of UTC (fixed-offset zones only). */
export function instant(date: string, hour: number, offsetHours: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (hour - offsetHours) * 3_600_000);
}

export function dayOf(at: Date, zone: string): string {
  return accountDay(at, zone);
}
