import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/server/db";
import { facebookObjectStates } from "@/server/db/schema";
import type { CampaignRecord } from "@/server/campaigns/records";
import { REVIEW_BLOCKED } from "./ad-review";
import { ancestorsOf } from "./our-objects";

/** What Facebook told us about a campaign's objects that the engine must respect. */
export interface CampaignMarks {
  /** Ads Facebook turned down or flagged: not shown, so never judged nor counted on. */
  reviewBlockedIds: string[];
  /** Objects a person turned off outside Aigency: never changed, never turned back on. */
  heldIds: string[];
}

export async function loadCampaignMarks(db: Db, opts: { organizationId: string; campaignId: string }): Promise<CampaignMarks> {
  const rows = await db
    .select({ objectId: facebookObjectStates.objectId, reviewStatus: facebookObjectStates.reviewStatus, heldAt: facebookObjectStates.heldAt })
    .from(facebookObjectStates)
    .where(
      and(
        eq(facebookObjectStates.organizationId, opts.organizationId),
        eq(facebookObjectStates.campaignId, opts.campaignId),
        or(isNotNull(facebookObjectStates.heldAt), inArray(facebookObjectStates.reviewStatus, [...REVIEW_BLOCKED])),
      ),
    );
  return {
    reviewBlockedIds: rows.filter((r) => REVIEW_BLOCKED.has(r.reviewStatus ?? "")).map((r) => r.objectId),
    heldIds: rows.filter((r) => r.heldAt !== null).map((r) => r.objectId),
  };
}

/**
 * Of `objectIds`, those a person holds, directly or through a held ad set or campaign above them
 * (an ad turned on inside an ad set someone paused would start the moment they resume it).
 */
export async function heldAmong(
  db: Db,
  opts: { record: Pick<CampaignRecord, "organizationId" | "fbCampaignId" | "fbAdSetIds" | "fbAdIds">; objectIds: string[] },
): Promise<string[]> {
  const withParents = new Map(opts.objectIds.map((id) => [id, [id, ...ancestorsOf(opts.record, id)]]));
  const all = [...new Set([...withParents.values()].flat())];
  if (all.length === 0) return [];
  const held = await db
    .select({ objectId: facebookObjectStates.objectId })
    .from(facebookObjectStates)
    .where(
      and(
        eq(facebookObjectStates.organizationId, opts.record.organizationId),
        inArray(facebookObjectStates.objectId, all),
        isNotNull(facebookObjectStates.heldAt),
      ),
    );
  const heldIds = new Set(held.map((h) => h.objectId));
  return opts.objectIds.filter((id) => withParents.get(id)!.some((x) => heldIds.has(x)));
}
