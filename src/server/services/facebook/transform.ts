import { z } from "zod";
import { GraphApiError, type InsightsRow, type Lead } from "./types";

/** Pure mappings between Graph's wire format and ours: no I/O, tested on real payload shapes. */

/** Our marker for failures that carried no Graph error code (network, timeout, unreadable body). */
export const NO_GRAPH_CODE = -1;

export { classifyGraphError, type GraphErrorKind as GraphErrorClass } from "./types";

const errorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

const jsonHeader = (headers: Headers, name: string): unknown => {
  const raw = headers.get(name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

const bucEntry = z.object({ estimated_time_to_regain_access: z.number().optional() }).loose();
const bucHeader = z.record(z.string(), z.array(bucEntry));
const adAccountUsage = z.object({ reset_time_duration: z.number().optional() }).loose();

/**
 * When only percentages say we are throttled (X-App-Usage at 100%), Graph gives no time. Its app window
 * is a rolling hour, so calls drop out of it gradually: wait a few minutes rather than hammer it.
 */
export const SATURATED_USAGE_WAIT_MS = 5 * 60_000;

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterHeaderMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long Graph says to wait, from every header that can say it: `X-Business-Use-Case-Usage`
 * (estimated_time_to_regain_access, minutes), `X-Ad-Account-Usage` (reset_time_duration, seconds),
 * `Retry-After`, and `X-App-Usage` at 100% (percentages only, see SATURATED_USAGE_WAIT_MS). The longest
 * wins; undefined means Graph did not say.
 */
export function parseRetryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const waits: number[] = [];
  const buc = bucHeader.safeParse(jsonHeader(headers, "x-business-use-case-usage"));
  if (buc.success) {
    for (const entries of Object.values(buc.data)) {
      for (const e of entries) if (e.estimated_time_to_regain_access) waits.push(e.estimated_time_to_regain_access * 60_000);
    }
  }
  const account = adAccountUsage.safeParse(jsonHeader(headers, "x-ad-account-usage"));
  if (account.success && account.data.reset_time_duration) waits.push(account.data.reset_time_duration * 1000);
  const retryAfter = retryAfterHeaderMs(headers, now);
  if (retryAfter !== undefined) waits.push(retryAfter);
  if (!waits.length && usagePercent(jsonHeader(headers, "x-app-usage")) >= 100) waits.push(SATURATED_USAGE_WAIT_MS);
  return waits.length ? Math.max(...waits) : undefined;
}

function usagePercent(o: unknown): number {
  if (!o || typeof o !== "object") return 0;
  const values = ["call_count", "total_cputime", "total_time", "acc_id_util_pct"]
    .map((key) => (o as Record<string, unknown>)[key])
    .filter((v): v is number => typeof v === "number");
  return values.length ? Math.max(...values) : 0;
}

/** Highest usage percentage across X-App-Usage / X-Ad-Account-Usage / X-Business-Use-Case-Usage, to slow down before 100%. */
export function parseUsagePercent(headers: Headers): number {
  const values = [usagePercent(jsonHeader(headers, "x-app-usage")), usagePercent(jsonHeader(headers, "x-ad-account-usage"))];
  const buc = jsonHeader(headers, "x-business-use-case-usage");
  if (buc && typeof buc === "object") for (const list of Object.values(buc)) if (Array.isArray(list)) values.push(...list.map(usagePercent));
  return Math.max(0, ...values);
}

/** Builds the typed error from a failed response. The message never includes the request or its token. */
export function toGraphApiError(input: { httpStatus: number; headers: Headers; bodyText: string }): GraphApiError {
  const retryAfterMs = parseRetryAfterMs(input.headers);
  let body: unknown;
  try {
    body = JSON.parse(input.bodyText);
  } catch {
    body = undefined;
  }
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) {
    // Proxies and outages answer with HTML or nothing; only a 5xx is worth retrying.
    return new GraphApiError(`Graph API returned HTTP ${input.httpStatus} with an unreadable body`, {
      httpStatus: input.httpStatus,
      code: NO_GRAPH_CODE,
      isTransient: input.httpStatus >= 500,
      retryAfterMs,
    });
  }
  const e = parsed.data.error;
  return new GraphApiError(`Graph API error ${e.code}${e.error_subcode ? `/${e.error_subcode}` : ""}: ${e.message}`, {
    httpStatus: input.httpStatus,
    code: e.code,
    subcode: e.error_subcode,
    type: e.type,
    isTransient: e.is_transient ?? false,
    fbtraceId: e.fbtrace_id,
    userTitle: e.error_user_title,
    userMessage: e.error_user_msg,
    retryAfterMs,
  });
}

const num = z.union([z.string(), z.number()]).transform((v) => Number(v));
export const insightsRowSchema = z.object({
  date_start: z.string(),
  date_stop: z.string(),
  spend: num.optional(),
  impressions: num.optional(),
  reach: num.optional(),
  clicks: num.optional(),
  ctr: num.optional(),
  frequency: num.optional(),
  actions: z.array(z.object({ action_type: z.string(), value: num })).optional(),
  // Value of each action type, in the account currency's main unit (like spend).
  action_values: z.array(z.object({ action_type: z.string(), value: num })).optional(),
});

// One action type per kind of result, so a purchase counted under two names is not counted twice.
const CONVERSION_KINDS = [
  ["omni_purchase", "offsite_conversion.fb_pixel_purchase", "purchase"],
  ["lead", "onsite_conversion.lead_grouped", "offsite_conversion.fb_pixel_lead"],
  ["mobile_app_install", "app_install"],
];

function sumConversionKinds(list: { action_type: string; value: number }[] | undefined): number {
  const byType = new Map((list ?? []).map((a) => [a.action_type, a.value]));
  return CONVERSION_KINDS.reduce((sum, names) => {
    const found = names.find((n) => byType.has(n));
    return sum + (found ? byType.get(found)! : 0);
  }, 0);
}

/** Graph sends metrics as strings and spend in major units; we keep cents and numbers. */
export function toInsightsRow(row: z.output<typeof insightsRowSchema>): InsightsRow {
  const conversions = sumConversionKinds(row.actions);
  return {
    dateStart: row.date_start,
    dateStop: row.date_stop,
    spendCents: Math.round((row.spend ?? 0) * 100),
    impressions: row.impressions ?? 0,
    reach: row.reach ?? 0,
    clicks: row.clicks ?? 0,
    ctr: row.ctr ?? 0,
    conversions,
    ...(row.frequency !== undefined ? { frequency: row.frequency } : {}),
    ...(row.action_values ? { conversionValueCents: Math.round(sumConversionKinds(row.action_values) * 100) } : {}),
  };
}

// Graph answers created_time as "2026-11-30T09:12:44+0000"; its values are strings, but a custom
// question's answer can arrive as a number, so those are read as text.
export const leadBodySchema = z.object({
  id: z.string(),
  created_time: z.string(),
  ad_id: z.string().optional(),
  form_id: z.string().optional(),
  field_data: z
    .array(z.object({ name: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).default([]) }))
    .default([]),
});

/** Graph's lead into ours. Its "+0000" offset (no colon) is not ISO 8601, so it is normalised first. */
export function toLead(body: z.output<typeof leadBodySchema>): Lead {
  const created = new Date(body.created_time.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return {
    id: body.id,
    createdTime: created,
    ...(body.ad_id ? { adId: body.ad_id } : {}),
    ...(body.form_id ? { formId: body.form_id } : {}),
    fieldData: body.field_data.map((f) => ({ name: f.name, values: f.values })),
  };
}
