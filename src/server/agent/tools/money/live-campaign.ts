import { and, desc, eq, max } from "drizzle-orm";
import type { CampaignRecord } from "@/server/campaigns/records";
import type { Db } from "@/server/db";
import { facebookObjectStates, performanceSnapshots } from "@/server/db/schema";
export { findLiveCampaign } from "../live-campaign";

export interface AdSetBudget {
  id: string;
  dailyBudgetCents: number;
}

/** What we last knew of the campaign on Facebook: the latest pull and a person's "off" from the webhooks. */
export interface CampaignState {
  /** The latest pulled account day, or null before the first pull. */
  snapshotDate: string | null;
  /** The campaign object's status as last pulled (null when not pulled yet). */
  pulledStatus: string | null;
  /** A person turned the campaign off outside Aigency (Ads Manager). */
  heldOutside: boolean;
  /** Running ad sets with a daily budget of their own, as last pulled. */
  adSets: AdSetBudget[];
}

export async function loadCampaignState(db: Db, record: CampaignRecord): Promise<CampaignState> {
  const [latest] = await db
    .select({ date: max(performanceSnapshots.date) })
    .from(performanceSnapshots)
    .where(and(eq(performanceSnapshots.organizationId, record.organizationId), eq(performanceSnapshots.campaignId, record.id)));
  const [hold] = await db
    .select({ heldAt: facebookObjectStates.heldAt })
    .from(facebookObjectStates)
    .where(and(eq(facebookObjectStates.organizationId, record.organizationId), eq(facebookObjectStates.objectId, record.fbCampaignId!)));
  const heldOutside = hold?.heldAt != null;
  const snapshotDate = latest?.date ?? null;
  if (!snapshotDate) return { snapshotDate, pulledStatus: null, heldOutside, adSets: [] };
  const rows = await db
    .select()
    .from(performanceSnapshots)
    .where(
      and(
        eq(performanceSnapshots.organizationId, record.organizationId),
        eq(performanceSnapshots.campaignId, record.id),
        eq(performanceSnapshots.date, snapshotDate),
      ),
    )
    .orderBy(desc(performanceSnapshots.pulledAt));
  // Several pulls of one day: the newest row of each object wins.
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.objectId)) newest.set(r.objectId, r);
  const objects = [...newest.values()];
  const campaign = objects.find((r) => r.objectType === "campaign" && r.objectId === record.fbCampaignId);
  const adSets = objects
    .filter((r) => r.objectType === "adset" && r.objectStatus === "ACTIVE" && (r.dailyBudgetCents ?? 0) > 0)
    .map((r) => ({ id: r.objectId, dailyBudgetCents: r.dailyBudgetCents! }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { snapshotDate, pulledStatus: campaign?.objectStatus ?? null, heldOutside, adSets };
}

export const NO_CAMPAIGN_YET =
  "There is no campaign on Facebook for this project yet; the first plan is made from the brief and appears in the conversation for your approval.";
