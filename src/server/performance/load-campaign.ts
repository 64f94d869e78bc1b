import { and, asc, eq, gt, gte, lte, min } from "drizzle-orm";
import type { Db } from "@/server/db";
import { optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { adKey, type CampaignPlan } from "@/server/campaigns/plan-schema";
import { getCampaign, type CampaignRecord } from "@/server/campaigns/records";
import { loadCampaignMarks } from "@/server/webhooks/holds";
import { accountTimezone, addDays } from "./account-timezone";
import { loadMonthToDate } from "./month-to-date";
import type { CampaignContext, SnapshotRow } from "./types";

export interface CampaignPerformance {
  record: CampaignRecord;
  campaign: CampaignContext;
  /** Rows of `date`: the campaign, its ad sets and ads as pulled that day. */
  snapshots: SnapshotRow[];
  /** Rows of the `days` days before `date`, oldest first. */
  previous: SnapshotRow[];
}

// Facebook's review states as pulled: an ad in one of them is not delivering for reasons no rule can fix.
const REVIEW_BLOCKED = new Set(["DISAPPROVED", "WITH_ISSUES", "PENDING_REVIEW"]);

/** Everything the detection and the rules read about one campaign on one account day. */
export async function loadCampaignPerformance(
  db: Db,
  opts: { organizationId: string; campaignId: string; date: string; days?: number },
): Promise<CampaignPerformance | null> {
  const record = await getCampaign(db, opts);
  if (!record?.adAccountId || !record.fbCampaignId) return null;
  const since = addDays(opts.date, -(opts.days ?? 14));
  const rows = await db
    .select()
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.organizationId, opts.organizationId),
        eq(performanceSnapshots.campaignId, opts.campaignId),
        gte(performanceSnapshots.date, since),
        lte(performanceSnapshots.date, opts.date),
      ),
    )
    .orderBy(asc(performanceSnapshots.date));
  const all = rows.map(toSnapshotRow);
  const snapshots = all.filter((r) => r.date === opts.date);
  const previous = all.filter((r) => r.date < opts.date);
  const timezone = await accountTimezone(db, { organizationId: opts.organizationId, adAccountId: record.adAccountId });
  // What Facebook's webhooks told us since the last pull: a review or a person's "off" counts at once.
  const marks = await loadCampaignMarks(db, opts);
  const campaign: CampaignContext = {
    campaignId: record.id,
    projectId: record.projectId,
    currency: record.currency,
    timezone,
    fbCampaignId: record.fbCampaignId,
    activatedAt: deliveryStart(all, record),
    startDate: await firstSpendDay(db, record.id),
    totalDailyBudgetCents: totalDailyBudget(snapshots),
    excludedAdIds: [...new Set([...(await excludedAds(db, record, snapshots)), ...marks.reviewBlockedIds, ...marks.heldIds])],
    heldObjectIds: marks.heldIds,
    monthToDate: await loadMonthToDate(db, { record, date: opts.date }),
  };
  return { record, campaign, snapshots, previous };
}

function toSnapshotRow(r: typeof performanceSnapshots.$inferSelect): SnapshotRow {
  const { objectType, objectId, parentObjectId, date, spendCents, impressions, reach, clicks, ctr, frequency } = r;
  const { conversions, conversionValueCents, costPerConversionCents, roas, objectStatus, effectiveStatus } = r;
  return {
    objectType, objectId, parentObjectId, date, spendCents, impressions, reach, clicks, ctr, frequency,
    conversions, conversionValueCents, costPerConversionCents, roas, objectStatus, effectiveStatus,
    dailyBudgetCents: r.dailyBudgetCents, creativeId: r.creativeId, pulledAt: r.pulledAt,
  };
}

/** The first account day the campaign spent: with a simulated clock, the record's wall time would mislead. */
function deliveryStart(rows: SnapshotRow[], record: CampaignRecord): Date {
  const first = rows.find((r) => r.objectType === "campaign" && r.spendCents > 0);
  if (first) return new Date(`${first.date}T00:00:00Z`);
  return record.activatedAt ?? record.createdAt;
}

/** The first account day the campaign object spent, over all its stored days (weeks count from it). */
async function firstSpendDay(db: Db, campaignId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ first: min(performanceSnapshots.date) })
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.campaignId, campaignId),
        eq(performanceSnapshots.objectType, "campaign"),
        gt(performanceSnapshots.spendCents, 0),
      ),
    );
  return row?.first ?? undefined;
}

function totalDailyBudget(rows: SnapshotRow[]): number {
  return rows
    .filter((r) => r.objectType === "adset" && r.objectStatus === "ACTIVE")
    .reduce((sum, r) => sum + (r.dailyBudgetCents ?? 0), 0);
}

/**
 * Ads the rules must leave alone: Facebook holds them in review, or they are PAUSED and no
 * rotation of ours paused them (a person did, or our low-performer rule did: neither comes back on).
 */
/** Facebook ids of the plan's reserve ads (creative-studio hooks deployed paused). */
function reserveAdIds(record: CampaignRecord): Set<string> {
  const plan = record.structure as unknown as CampaignPlan | null;
  const keys = (plan?.adSets ?? []).flatMap((set, i) => set.ads.flatMap((ad, j) => (ad.reserve ? [adKey(i, j)] : [])));
  return new Set(keys.map((k) => record.fbAdIds[k]).filter((id): id is string => Boolean(id)));
}

async function excludedAds(db: Db, record: CampaignRecord, rows: SnapshotRow[]): Promise<string[]> {
  const rotations = await db
    .select({ after: optimizationActions.after })
    .from(optimizationActions)
    .where(
      and(
        eq(optimizationActions.campaignId, record.id),
        eq(optimizationActions.kind, "ROTATE_CREATIVE"),
        eq(optimizationActions.status, "APPLIED"),
      ),
    );
  const rotatedOut = new Set(
    rotations.flatMap((a) => Object.entries(a.after.statuses ?? {}).filter(([, s]) => s === "PAUSED").map(([id]) => id)),
  );
  // Reserve ads were created paused by the deploy, for rotation: their pause is ours, not a person's.
  const reserves = reserveAdIds(record);
  return rows
    .filter((r) => r.objectType === "ad")
    .filter(
      (r) =>
        REVIEW_BLOCKED.has(r.effectiveStatus ?? "") ||
        (r.objectStatus === "PAUSED" && !rotatedOut.has(r.objectId) && !reserves.has(r.objectId)),
    )
    .map((r) => r.objectId);
}
