import { and, eq, inArray, max } from "drizzle-orm";
import { facebookObjectStates, performanceSnapshots } from "@/server/db/schema";
import { REVIEW_BLOCKED } from "@/server/webhooks/ad-review";
import type { AgentDeps } from "../types";

export interface AdReview {
  campaignId: string;
  adId: string;
  reviewStatus: string | null;
  reason: string | null;
  blocked: boolean;
}

/**
 * Every ad of the given campaigns with its review as we know it: the ads of the latest pull, marked
 * with what Facebook's webhooks recorded since (facebook_object_states, this organization's rows only;
 * the raw deliveries table is shared across organizations, so it is never read here).
 */
export async function readAdReviews(deps: AgentDeps, scope: { organizationId: string; campaignIds: string[] }): Promise<AdReview[]> {
  if (scope.campaignIds.length === 0) return [];
  const org = eq(performanceSnapshots.organizationId, scope.organizationId);
  const latest = await deps.db
    .select({ campaignId: performanceSnapshots.campaignId, date: max(performanceSnapshots.date) })
    .from(performanceSnapshots)
    .where(and(org, inArray(performanceSnapshots.campaignId, scope.campaignIds)))
    .groupBy(performanceSnapshots.campaignId);
  const pulled = new Map<string, { campaignId: string; status: string | null }>();
  for (const l of latest) {
    const ads = await deps.db
      .select({ adId: performanceSnapshots.objectId, status: performanceSnapshots.effectiveStatus })
      .from(performanceSnapshots)
      .where(and(org, eq(performanceSnapshots.campaignId, l.campaignId), eq(performanceSnapshots.objectType, "ad"), eq(performanceSnapshots.date, l.date!)));
    for (const a of ads) pulled.set(a.adId, { campaignId: l.campaignId, status: a.status });
  }
  const marks = await deps.db
    .select()
    .from(facebookObjectStates)
    .where(and(eq(facebookObjectStates.organizationId, scope.organizationId), inArray(facebookObjectStates.campaignId, scope.campaignIds), eq(facebookObjectStates.objectType, "ad")));
  const byAd = new Map(marks.map((m) => [m.objectId, m]));
  const ids = new Set([...pulled.keys(), ...byAd.keys()]);
  return [...ids].sort().map((adId) => {
    const mark = byAd.get(adId);
    const status = mark?.reviewStatus ?? pulled.get(adId)?.status ?? null;
    return {
      campaignId: mark?.campaignId ?? pulled.get(adId)!.campaignId,
      adId,
      reviewStatus: status,
      reason: mark?.reviewReason ?? null,
      blocked: REVIEW_BLOCKED.has(status ?? ""),
    };
  });
}
