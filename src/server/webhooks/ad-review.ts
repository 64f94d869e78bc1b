import type { Db } from "@/server/db";
import { changeObjectState, type ObjectState } from "./object-state";
import { readObjectChange, type ReceivedChange } from "./object-change";
import { findOurObjects, type OurObject } from "./our-objects";
import { reviewBlockedWords, reviewClearedWords } from "./review-words";
import { tellOwner, type Told } from "./tell-owner";

/** Review states in which Facebook does not show the ad: the engine leaves such ads out. */
export const REVIEW_BLOCKED = new Set(["DISAPPROVED", "WITH_ISSUES"]);
const APPROVED = new Set(["APPROVED", "PREAPPROVED", "ACTIVE"]);

export interface ReviewOutcome {
  organizationId: string;
  campaignId: string;
  objectId: string;
  reviewStatus: string;
  reason: string | null;
  changed: boolean;
  told: Told | null;
}

export type ReviewResult = { unmatched: string } | { outcomes: ReviewOutcome[] };

/** What a review report moves the object to, and whether the owner hears of it. */
function reviewPlan(o: OurObject, current: ObjectState | null, change: { status: string; reason: string | null; dedupeKey: string }) {
  const was = current?.reviewStatus ?? null;
  const status = APPROVED.has(change.status) ? "APPROVED" : change.status;
  // ACTIVE only speaks of review for an ad; for its parents it is a status, the outside handler's business.
  if (change.status === "ACTIVE" && (o.objectType !== "ad" || !REVIEW_BLOCKED.has(was ?? ""))) return null;
  if (was === status && (current?.reviewReason ?? null) === (REVIEW_BLOCKED.has(status) ? change.reason : null)) return null;
  const blocked = REVIEW_BLOCKED.has(status);
  const words = blocked ? reviewBlockedWords({ label: o.label, status, reason: change.reason }) : REVIEW_BLOCKED.has(was ?? "") ? reviewClearedWords(o) : null;
  return {
    set: { reviewStatus: status, reviewReason: blocked ? change.reason : null },
    effects: (tx: Parameters<typeof tellOwner>[0]) =>
      words
        ? tellOwner(tx, { object: o, words, kind: "ad-review", type: blocked ? "ALERT" : "AGENT_UPDATE", dedupeKey: change.dedupeKey, metadata: { reviewStatus: status } })
        : Promise.resolve(null),
  };
}

/**
 * Records Facebook's review of one of our objects (an ad disapproved, with issues, approved again)
 * for every organization whose campaign owns it: the mark, the message and the notification commit
 * together, once per report, and an older report than the one stored changes nothing.
 */
export async function recordAdReview(db: Db, change: ReceivedChange): Promise<ReviewResult> {
  const read = readObjectChange(change);
  if ("unmatched" in read) return read;
  const ours = await findOurObjects(db, { adAccountId: read.adAccountId, objectId: read.objectId });
  if (ours.length === 0) return { unmatched: "no campaign of ours has this object" };
  const outcomes: ReviewOutcome[] = [];
  for (const o of ours) {
    const dedupeKey = `ad-review:${o.record.organizationId}:${o.objectId}:${read.status}:${change.time}`;
    const moved = await changeObjectState(db, {
      object: o,
      clock: "reviewReportedAt",
      at: read.at,
      plan: (current) => reviewPlan(o, current, { status: read.status, reason: read.reason, dedupeKey }),
    });
    outcomes.push({
      organizationId: o.record.organizationId,
      campaignId: o.record.id,
      objectId: o.objectId,
      reviewStatus: APPROVED.has(read.status) ? "APPROVED" : read.status,
      reason: read.reason,
      changed: moved.outcome === "changed",
      told: moved.outcome === "changed" ? moved.result : null,
    });
  }
  return { outcomes };
}
