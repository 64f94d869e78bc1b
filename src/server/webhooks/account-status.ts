import { z } from "zod";

/** Graph's `account_status` codes, as the words we store and show. */
const STATUS_WORDS: Record<number, string> = {
  1: "ACTIVE",
  2: "DISABLED",
  3: "UNSETTLED",
  7: "PENDING_RISK_REVIEW",
  8: "PENDING_SETTLEMENT",
  9: "IN_GRACE_PERIOD",
  100: "PENDING_CLOSURE",
  101: "CLOSED",
  201: "ANY_ACTIVE",
  202: "ANY_CLOSED",
};

// IN_GRACE_PERIOD: a payment is late but the ads still run, so the agency keeps working.
const RUNNING = new Set(["ACTIVE", "IN_GRACE_PERIOD", "ANY_ACTIVE"]);

/** Graph's `disable_reason` codes in words an owner understands (0 = none). */
const DISABLE_REASONS: Record<number, string> = {
  1: "Facebook found ads that break its advertising policies",
  2: "someone reported a trademark or copyright problem",
  3: "there is a problem with the payment method",
  4: "Facebook shut the account down",
  5: "Facebook is reviewing the account's ads",
  6: "Facebook is reviewing the business behind the account",
  7: "the account was closed for good",
  8: "it was an unused reseller account",
  9: "the account was not used for a long time",
  10: "it belongs to a group of accounts Facebook restricted",
  11: "the business that owns it broke Facebook's policies",
  12: "Facebook thinks the account's details are misleading",
  13: "the business stopped sharing the account",
  14: "Facebook is reviewing the account's message threads",
  15: "Facebook thinks someone else got into the account",
};

export interface AccountStanding {
  /** act_<number>, as our tables store it. */
  adAccountId: string;
  code: number;
  status: string;
  automation: "RUNNING" | "PAUSED";
  /** disable_reason in plain words, or null when Facebook gave none (or one we do not know). */
  reason: string | null;
  reasonCode: number | null;
}

// Facebook sends numbers; anything else (a string code, a missing id) is not a standing we act on.
const valueSchema = z.object({
  account_id: z.union([z.string().regex(/^(act_)?\d{1,30}$/), z.number().int().nonnegative()]).optional(),
  account_status: z.number().int(),
  disable_reason: z.number().int().optional().nullable(),
});

/** `1234`, `"1234"` or `"act_1234"` → `"act_1234"`; null when it is not an account number. */
export function normaliseAdAccountId(raw: unknown): string | null {
  const text = typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : raw;
  if (typeof text !== "string") return null;
  const match = /^(?:act_)?(\d{1,30})$/.exec(text);
  return match ? `act_${match[1]}` : null;
}

/**
 * Reads one `account_status` / `ad_account` change. The account comes from the value, else from the
 * entry id (the `ad_account` topic's entry is the account; the `application` topic's is the app, so
 * it needs the value's). Returns the reason it cannot act on the change instead of throwing.
 */
export function readAccountStanding(input: { object: string; entryId: string; value: Record<string, unknown> }): AccountStanding | { unusable: string } {
  const parsed = valueSchema.safeParse(input.value);
  if (!parsed.success) return { unusable: `value not understood: ${parsed.error.issues.map((i) => i.path.join(".") || "value").join(", ")}` };
  const fromValue = parsed.data.account_id === undefined ? null : normaliseAdAccountId(parsed.data.account_id);
  const adAccountId = fromValue ?? (input.object === "ad_account" ? normaliseAdAccountId(input.entryId) : null);
  if (!adAccountId) return { unusable: "no ad account id in the change" };
  const code = parsed.data.account_status;
  const status = STATUS_WORDS[code];
  if (!status) return { unusable: `unknown account_status ${code}` };
  const reasonCode = parsed.data.disable_reason ?? null;
  return {
    adAccountId,
    code,
    status,
    automation: RUNNING.has(status) ? "RUNNING" : "PAUSED",
    reason: reasonCode ? (DISABLE_REASONS[reasonCode] ?? null) : null,
    reasonCode: reasonCode || null,
  };
}
