import { z } from "zod";
import { GraphApiError, type InsightsRow } from "./types";

/** Pure mappings between Graph's wire format and ours: no I/O, tested on real payload shapes. */

export type GraphErrorClass = "rate-limit" | "transient" | "auth" | "permanent";

/** Our marker for failures that carried no Graph error code (network, unreadable body). */
export const NO_GRAPH_CODE = -1;

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

/** What a caller should do: back off (rate-limit), retry (transient), ask the user to reconnect (auth), or stop. */
export function classifyGraphError(e: { code: number; isTransient: boolean; httpStatus: number }): GraphErrorClass {
  if (RATE_LIMIT_CODES.has(e.code) || (e.code >= 80000 && e.code <= 80014)) return "rate-limit";
  if (e.code === 190 || e.code === 102) return "auth";
  if (e.isTransient || e.code === 1 || e.code === 2 || e.httpStatus >= 500) return "transient";
  return "permanent";
}

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
 * How long Graph says to wait, from `X-Business-Use-Case-Usage` (estimated_time_to_regain_access,
 * minutes) or `X-Ad-Account-Usage` (reset_time_duration, seconds). X-App-Usage carries only
 * percentages, so it never yields a wait on its own; undefined means "use your own backoff".
 */
export function parseRetryAfterMs(headers: Headers): number | undefined {
  const waits: number[] = [];
  const buc = bucHeader.safeParse(jsonHeader(headers, "x-business-use-case-usage"));
  if (buc.success) {
    for (const entries of Object.values(buc.data)) {
      for (const e of entries) if (e.estimated_time_to_regain_access) waits.push(e.estimated_time_to_regain_access * 60_000);
    }
  }
  const account = adAccountUsage.safeParse(jsonHeader(headers, "x-ad-account-usage"));
  if (account.success && account.data.reset_time_duration) waits.push(account.data.reset_time_duration * 1000);
  return waits.length ? Math.max(...waits) : undefined;
}

/** Highest usage percentage across X-App-Usage / X-Business-Use-Case-Usage, to slow down before 100%. */
export function parseUsagePercent(headers: Headers): number {
  const values: number[] = [];
  const collect = (o: unknown) => {
    if (!o || typeof o !== "object") return;
    for (const key of ["call_count", "total_cputime", "total_time", "acc_id_util_pct"]) {
      const v = (o as Record<string, unknown>)[key];
      if (typeof v === "number") values.push(v);
    }
  };
  collect(jsonHeader(headers, "x-app-usage"));
  collect(jsonHeader(headers, "x-ad-account-usage"));
  const buc = jsonHeader(headers, "x-business-use-case-usage");
  if (buc && typeof buc === "object") for (const list of Object.values(buc)) if (Array.isArray(list)) list.forEach(collect);
  return values.length ? Math.max(...values) : 0;
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
  actions: z.array(z.object({ action_type: z.string(), value: num })).optional(),
});

// One action type per kind of result, so a purchase counted under two names is not counted twice.
const CONVERSION_KINDS = [
  ["omni_purchase", "offsite_conversion.fb_pixel_purchase", "purchase"],
  ["lead", "onsite_conversion.lead_grouped", "offsite_conversion.fb_pixel_lead"],
  ["mobile_app_install", "app_install"],
];

/** Graph sends metrics as strings and spend in major units; we keep cents and numbers. */
export function toInsightsRow(row: z.output<typeof insightsRowSchema>): InsightsRow {
  const actions = new Map((row.actions ?? []).map((a) => [a.action_type, a.value]));
  const conversions = CONVERSION_KINDS.reduce((sum, names) => {
    const found = names.find((n) => actions.has(n));
    return sum + (found ? actions.get(found)! : 0);
  }, 0);
  return {
    dateStart: row.date_start,
    dateStop: row.date_stop,
    spendCents: Math.round((row.spend ?? 0) * 100),
    impressions: row.impressions ?? 0,
    reach: row.reach ?? 0,
    clicks: row.clicks ?? 0,
    ctr: row.ctr ?? 0,
    conversions,
  };
}
