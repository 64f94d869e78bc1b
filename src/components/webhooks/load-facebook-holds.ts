import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookObjectStates } from "@/server/db/schema";
import { REVIEW_BLOCKED } from "@/server/webhooks/ad-review";
import { describeObject } from "@/server/webhooks/our-objects";

/** One thing Facebook told us that keeps part of the campaign off, as the campaign page shows it. */
export interface FacebookHold {
  objectId: string;
  /** "the ad “Fresh bread by 8am”", from the plan. */
  label: string;
  kind: "review" | "held";
  /** DISAPPROVED / WITH_ISSUES for a review; PAUSED / ARCHIVED / DELETED for a hold. */
  status: string;
  reason: string | null;
  since: Date | null;
}

/**
 * The campaign's objects Facebook turned down or flagged, and those a person turned off outside
 * Aigency. Scoped to the viewer's organization: another organization's campaign has none.
 */
export async function loadFacebookHolds(db: Db, opts: { organizationId: string; campaignId: string }): Promise<FacebookHold[]> {
  const [record] = await db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.id, opts.campaignId)));
  if (!record) return [];
  const rows = await db
    .select()
    .from(facebookObjectStates)
    .where(
      and(
        eq(facebookObjectStates.organizationId, opts.organizationId),
        eq(facebookObjectStates.campaignId, opts.campaignId),
        or(isNotNull(facebookObjectStates.heldAt), inArray(facebookObjectStates.reviewStatus, [...REVIEW_BLOCKED])),
      ),
    )
    .orderBy(asc(facebookObjectStates.createdAt));
  const label = (id: string) => describeObject(record, id)?.label ?? "a part of this campaign";
  return rows.flatMap((r): FacebookHold[] => [
    ...(r.heldAt ? [{ objectId: r.objectId, label: label(r.objectId), kind: "held" as const, status: r.outsideStatus ?? "PAUSED", reason: null, since: r.heldAt }] : []),
    ...(REVIEW_BLOCKED.has(r.reviewStatus ?? "")
      ? [{ objectId: r.objectId, label: label(r.objectId), kind: "review" as const, status: r.reviewStatus!, reason: r.reviewReason, since: r.reviewReportedAt }]
      : []),
  ]);
}
