import { addDays } from "@/server/performance/account-time";
import type { CampaignContext, SnapshotRow } from "@/server/performance/types";
import type { AutonomyPolicy, EvaluationInput, HistoryEntry } from "@/server/optimization/types";

/** A campaign's rows built from its ads: ad set and campaign rows are the sums, so every level agrees. */

export const TODAY = "2026-11-10";
// 15:00 UTC: the afternoon of TODAY in the default zone (UTC), so TODAY is still running.
export const NOW = new Date(`${TODAY}T15:00:00Z`);

export const POLICY: AutonomyPolicy = {
  autonomousMaxPercent: 20,
  blockAbovePercent: 100,
  suggestOnly: false,
  dryRun: false,
  dailyCapCents: 5000,
  cooldownHours: 24,
};

export interface Metrics {
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  conversions: number;
  conversionValueCents: number;
}

export interface AdSpec {
  id: string;
  adSet: string;
  status?: string;
  effectiveStatus?: string;
  creativeId?: string;
  /** Totals over all complete days, split evenly (remainder on the first day). */
  totals?: Partial<Metrics>;
  /** Or the numbers of complete day i (0 = oldest). */
  daily?: (i: number) => Partial<Metrics>;
}

export interface AdSetSpec {
  id: string;
  budgetCents: number;
  status?: string;
}

export interface Spec {
  adSets: AdSetSpec[];
  ads: AdSpec[];
  /** Complete days before today. */
  days: number;
  today?: string;
  campaignStatus?: string;
  /** The context's total; default: the active ad sets' budgets summed. */
  totalDailyBudgetCents?: number;
  timezone?: string;
  excludedAdIds?: string[];
  startDate?: string;
}

const KEYS: (keyof Metrics)[] = ["spendCents", "impressions", "reach", "clicks", "conversions", "conversionValueCents"];
const zero = (): Metrics => ({ spendCents: 0, impressions: 0, reach: 0, clicks: 0, conversions: 0, conversionValueCents: 0 });

function split(total: number, i: number, n: number): number {
  return Math.floor(total / n) + (i === 0 ? total % n : 0);
}

function adDay(ad: AdSpec, i: number, n: number): Metrics {
  const m = zero();
  if (ad.daily) Object.assign(m, ad.daily(i));
  else for (const k of KEYS) m[k] = split(ad.totals?.[k] ?? 0, i, n);
  return m;
}

export function row(p: Partial<SnapshotRow> & Pick<SnapshotRow, "objectType" | "objectId" | "date">, m: Metrics = zero()): SnapshotRow {
  return {
    parentObjectId: null,
    ...m,
    ctr: m.impressions > 0 ? (m.clicks / m.impressions) * 100 : 0,
    frequency: m.reach > 0 ? m.impressions / m.reach : 0,
    costPerConversionCents: m.conversions > 0 ? Math.round(m.spendCents / m.conversions) : null,
    roas: m.spendCents > 0 ? m.conversionValueCents / m.spendCents : null,
    objectStatus: "ACTIVE",
    effectiveStatus: "ACTIVE",
    dailyBudgetCents: null,
    creativeId: null,
    pulledAt: new Date(`${p.date}T23:30:00Z`),
    ...p,
  };
}

const add = (a: Metrics, b: Metrics): Metrics => Object.fromEntries(KEYS.map((k) => [k, a[k] + b[k]])) as unknown as Metrics;

/** Rows of one day: every ad, its ad set's sum, the campaign's sum. */
export function dayRows(spec: Spec, date: string, metricsOf: (ad: AdSpec) => Metrics, pulledAt?: Date): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  let campaign = zero();
  for (const s of spec.adSets) {
    let sum = zero();
    for (const ad of spec.ads.filter((a) => a.adSet === s.id)) {
      const m = metricsOf(ad);
      sum = add(sum, m);
      rows.push(
        row(
          { objectType: "ad", objectId: ad.id, parentObjectId: s.id, date, objectStatus: ad.status ?? "ACTIVE", effectiveStatus: ad.effectiveStatus ?? ad.status ?? "ACTIVE", creativeId: ad.creativeId ?? `cr-${ad.id}`, ...(pulledAt ? { pulledAt } : {}) },
          m,
        ),
      );
    }
    campaign = add(campaign, sum);
    rows.push(row({ objectType: "adset", objectId: s.id, parentObjectId: "cmp", date, objectStatus: s.status ?? "ACTIVE", dailyBudgetCents: s.budgetCents, ...(pulledAt ? { pulledAt } : {}) }, sum));
  }
  rows.push(row({ objectType: "campaign", objectId: "cmp", date, objectStatus: spec.campaignStatus ?? "ACTIVE", ...(pulledAt ? { pulledAt } : {}) }, campaign));
  return rows;
}

export function context(spec: Spec): CampaignContext {
  const budgets = spec.adSets.filter((s) => (s.status ?? "ACTIVE") === "ACTIVE").reduce((t, s) => t + s.budgetCents, 0);
  return {
    campaignId: "c1",
    projectId: "p1",
    currency: "USD",
    timezone: spec.timezone ?? "UTC",
    fbCampaignId: "cmp",
    activatedAt: new Date("2026-10-01T00:00:00Z"),
    totalDailyBudgetCents: spec.totalDailyBudgetCents ?? budgets,
    excludedAdIds: spec.excludedAdIds,
    ...(spec.startDate ? { startDate: spec.startDate } : {}),
  };
}

/** Complete days before today get the spec's numbers; today's row is empty (the day has just begun). */
export function build(spec: Spec, opts: { policy?: Partial<AutonomyPolicy>; history?: HistoryEntry[]; now?: Date } = {}): EvaluationInput {
  const today = spec.today ?? TODAY;
  const previous: SnapshotRow[] = [];
  for (let i = 0; i < spec.days; i++) previous.push(...dayRows(spec, addDays(today, i - spec.days), (ad) => adDay(ad, i, spec.days)));
  const snapshots = dayRows(spec, today, () => zero(), opts.now ?? NOW);
  return { snapshots, previous, campaign: context(spec), policy: { ...POLICY, ...opts.policy }, history: opts.history ?? [], now: opts.now ?? NOW };
}

export const hoursBefore = (now: Date, h: number, m = 0) => new Date(now.getTime() - h * 3_600_000 - m * 60_000);
