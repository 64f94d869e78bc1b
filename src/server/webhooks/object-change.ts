import { z } from "zod";
import type { ObjectType } from "./our-objects";

/** A `facebook/webhook.received` change as the object handlers read it. */
export interface ReceivedChange {
  changeId: string;
  entryId: string;
  time: number;
  field: string;
  value: Record<string, unknown>;
}

/** Facebook's review words for an ad; ACTIVE on an ad means it passed review. */
export const REVIEW_STATUSES = ["DISAPPROVED", "WITH_ISSUES", "PENDING_REVIEW", "PREAPPROVED", "APPROVED"] as const;
/** Statuses a person sets (in Ads Manager or any other Facebook tool). */
export const OUTSIDE_STATUSES = ["ACTIVE", "PAUSED", "ARCHIVED", "DELETED"] as const;

const LEVELS = { AD: "ad", AD_SET: "adset", CAMPAIGN: "campaign" } as const satisfies Record<string, ObjectType>;

// Ids come as strings, sometimes as numbers; anything else is not a change we can place.
const objectId = z.union([z.string().trim().min(1).max(64), z.number().int().nonnegative()]).transform(String);
// Facebook's own words, kept short and on one line (they go into a message and a notification).
const text = z
  .string()
  .transform((s) => s.replace(/[\p{Cc}\s]+/gu, " ").trim().slice(0, 500))
  .optional()
  .catch(undefined);

export const objectChangeValue = z.object({
  id: objectId,
  level: z.enum(["AD", "AD_SET", "CAMPAIGN"]).optional().catch(undefined),
  status_name: z.string().max(64).optional().catch(undefined),
  error_summary: text,
  error_message: text,
});

export interface ObjectChange {
  adAccountId: string;
  objectId: string;
  /** What Facebook says the object is; where it is in our records decides when they differ. */
  level: ObjectType | null;
  status: string;
  reason: string | null;
  at: Date;
}

/** The object change in a delivery, or why it is not one (odd types, missing fields). */
export function readObjectChange(change: ReceivedChange): ObjectChange | { unmatched: string } {
  const parsed = objectChangeValue.safeParse(change.value);
  if (!parsed.success) return { unmatched: `value: ${parsed.error.issues[0]?.path.join(".") || "value"} is not usable` };
  const v = parsed.data;
  const status = change.field === "with_issues_ad_objects" ? "WITH_ISSUES" : v.status_name?.toUpperCase();
  if (!status) return { unmatched: "value.status_name is missing" };
  const reason = [v.error_summary, v.error_message].filter(Boolean).join(" — ") || null;
  return {
    adAccountId: change.entryId,
    objectId: v.id,
    level: v.level ? LEVELS[v.level] : null,
    status,
    reason,
    at: new Date(change.time * 1000),
  };
}
