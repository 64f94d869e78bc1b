import { describe, expect, it } from "vitest";
import { classifyGraphError, parseRetryAfterMs, parseUsagePercent } from "@/server/services/facebook";
import { SATURATED_USAGE_WAIT_MS, toGraphApiError, toInsightsRow, insightsRowSchema } from "@/server/services/facebook/transform";

const base = { isTransient: false, httpStatus: 400 };

describe("classifyGraphError", () => {
  it.each([4, 17, 32, 613, 80000, 80004, 80014])("code %i is a rate limit", (code) => {
    expect(classifyGraphError({ ...base, code })).toBe("rate-limit");
  });
  it("190 is auth, is_transient or 5xx is transient, 100 is permanent", () => {
    expect(classifyGraphError({ ...base, code: 190 })).toBe("auth");
    expect(classifyGraphError({ ...base, code: 100, isTransient: true })).toBe("transient");
    expect(classifyGraphError({ ...base, code: 100, httpStatus: 503 })).toBe("transient");
    expect(classifyGraphError({ ...base, code: 100 })).toBe("permanent");
    expect(classifyGraphError({ ...base, code: 80015 })).toBe("permanent");
  });
});

describe("usage headers", () => {
  it("takes the longest estimated_time_to_regain_access in minutes", () => {
    const headers = new Headers({
      "x-business-use-case-usage": JSON.stringify({
        "1": [{ type: "ads_insights", call_count: 100, estimated_time_to_regain_access: 2 }],
        "2": [{ type: "ads_management", call_count: 40, estimated_time_to_regain_access: 0 }, { type: "x", estimated_time_to_regain_access: 11 }],
      }),
      "x-app-usage": JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 99 }),
    });
    expect(parseRetryAfterMs(headers)).toBe(11 * 60_000);
    expect(parseUsagePercent(headers)).toBe(100);
  });
  it("gives no wait for App usage below 100% or unparseable headers; reads X-Ad-Account-Usage in seconds", () => {
    expect(parseRetryAfterMs(new Headers({ "x-app-usage": JSON.stringify({ call_count: 80 }) }))).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ "x-business-use-case-usage": "{oops" }))).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ "x-ad-account-usage": JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 90 }) }))).toBe(90_000);
  });
});

describe("Retry-After and X-App-Usage", () => {
  const now = Date.parse("2026-11-30T10:00:00Z");
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after": "120" }), now)).toBe(120_000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "Mon, 30 Nov 2026 10:03:00 GMT" }), now)).toBe(180_000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
  });
  it("an app at 100% with no stated time waits SATURATED_USAGE_WAIT_MS; a stated time wins over it", () => {
    const saturated = { "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 20, total_time: 30 }) };
    expect(parseRetryAfterMs(new Headers(saturated), now)).toBe(SATURATED_USAGE_WAIT_MS);
    expect(parseRetryAfterMs(new Headers({ ...saturated, "retry-after": "30" }), now)).toBe(30_000);
  });
  it("takes the longest of every header that states a wait", () => {
    const headers = new Headers({
      "retry-after": "45",
      "x-ad-account-usage": JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 300 }),
      "x-business-use-case-usage": JSON.stringify({ "1": [{ type: "ads_management", estimated_time_to_regain_access: 2 }] }),
    });
    expect(parseRetryAfterMs(headers, now)).toBe(300_000);
  });
});

describe("toGraphApiError", () => {
  it("reads Graph's error body", () => {
    const bodyText = JSON.stringify({
      error: { message: "Invalid parameter", type: "OAuthException", code: 100, error_subcode: 1885272, error_user_title: "Budget", error_user_msg: "Too low", fbtrace_id: "T" },
    });
    const e = toGraphApiError({ httpStatus: 400, headers: new Headers(), bodyText });
    expect(e.details).toEqual({
      httpStatus: 400, code: 100, subcode: 1885272, type: "OAuthException", isTransient: false, fbtraceId: "T",
      userTitle: "Budget", userMessage: "Too low", retryAfterMs: undefined,
    });
    expect(e.message).toBe("Graph API error 100/1885272: Invalid parameter");
  });
});

describe("toInsightsRow", () => {
  it("counts one purchase action name per purchase and adds leads", () => {
    const row = insightsRowSchema.parse({
      date_start: "2026-11-02", date_stop: "2026-11-02", spend: "0.5",
      actions: [
        { action_type: "omni_purchase", value: "4" },
        { action_type: "offsite_conversion.fb_pixel_purchase", value: "4" },
        { action_type: "lead", value: "2" },
      ],
    });
    expect(toInsightsRow(row)).toMatchObject({ spendCents: 50, conversions: 6, impressions: 0 });
  });
});
