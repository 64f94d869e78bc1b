import { z } from "zod";
import type { GraphRequestFn } from "./graph-client";
import { insightsRowSchema, NO_GRAPH_CODE, toGraphApiError, toInsightsRow } from "./transform";
import {
  GRAPH_BATCH_LIMIT,
  GraphApiError,
  type AdAccountContext,
  type PerformanceLevel,
  type PerformanceQuery,
  type PerformanceResult,
} from "./types";

/**
 * Graph batch requests for performance pulls: one HTTP request carries up to 50 `GET <object>`
 * sub-requests, each reading the object's state and its daily insights through a field expansion.
 * Each sub-response is judged on its own, so the caller can retry only the ones that failed.
 */

const INSIGHT_FIELDS = "date_start,date_stop,spend,impressions,reach,clicks,ctr,frequency,actions,action_values";
const OBJECT_FIELDS: Record<PerformanceLevel, string> = {
  campaign: "id,status,effective_status",
  adset: "id,status,effective_status,daily_budget",
  ad: "id,status,effective_status,creative{id}",
};

export interface DateRange {
  since: string;
  until: string;
}

/** `<id>?fields=…,insights.time_range({…}).time_increment(1){…}`: state and one insights row per day. */
export function performanceRelativeUrl(query: PerformanceQuery, range: DateRange): string {
  const timeRange = JSON.stringify({ since: range.since, until: range.until });
  const fields = `${OBJECT_FIELDS[query.level]},insights.time_range(${timeRange}).time_increment(1){${INSIGHT_FIELDS}}`;
  return `${encodeURIComponent(query.objectId)}?fields=${encodeURIComponent(fields)}`;
}

// Graph answers `null` in place of a sub-response it timed out.
const subResponseSchema = z
  .object({
    code: z.number(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    body: z.string().nullable().optional(),
  })
  .nullable();
export const batchResponseSchema = z.array(subResponseSchema);
export type SubResponse = z.infer<typeof subResponseSchema>;

const objectBodySchema = z.object({
  id: z.string(),
  status: z.string().default("UNKNOWN"),
  effective_status: z.string().optional(),
  daily_budget: z.union([z.string(), z.number()]).optional(),
  creative: z.object({ id: z.string() }).optional(),
  insights: z.object({ data: z.array(insightsRowSchema) }).optional(),
});

const timedOut = (objectId: string) =>
  new GraphApiError(`Graph API timed out the batch sub-request for ${objectId}`, { httpStatus: 0, code: NO_GRAPH_CODE, isTransient: true });

/** One sub-response as a result: 200 with a readable body is a value, anything else a typed error. */
export function toPerformanceResult(query: PerformanceQuery, sub: SubResponse | undefined): PerformanceResult {
  const { objectId, level } = query;
  if (!sub) return { objectId, ok: false, error: timedOut(objectId) };
  const bodyText = sub.body ?? "";
  if (sub.code !== 200) {
    const headers = new Headers((sub.headers ?? []).map((h) => [h.name, h.value] as [string, string]));
    return { objectId, ok: false, error: toGraphApiError({ httpStatus: sub.code, headers, bodyText }) };
  }
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const parsed = objectBodySchema.safeParse(json);
  if (!parsed.success) {
    const error = new GraphApiError(`Graph API returned an unexpected body for ${objectId}`, { httpStatus: 200, code: NO_GRAPH_CODE, isTransient: false });
    return { objectId, ok: false, error };
  }
  const o = parsed.data;
  const budget = o.daily_budget === undefined ? undefined : Number(o.daily_budget);
  return {
    objectId,
    ok: true,
    value: {
      objectId,
      level,
      status: o.status,
      effectiveStatus: o.effective_status,
      // Graph's minor unit of the account currency, as `createAdSet` takes it (see toGraphAmount).
      ...(budget !== undefined && Number.isFinite(budget) ? { dailyBudgetCents: budget } : {}),
      ...(o.creative ? { creativeId: o.creative.id } : {}),
      days: (o.insights?.data ?? []).map(toInsightsRow),
      raw: json,
    },
  };
}

/**
 * One POST to the Graph root with `batch=[…]`. The token travels once, as the Bearer header with its
 * appsecret_proof (the client's usual way), and applies to every sub-request.
 */
export async function getPerformanceBatch(
  request: GraphRequestFn,
  ctx: AdAccountContext,
  queries: PerformanceQuery[],
  range: DateRange,
): Promise<PerformanceResult[]> {
  if (queries.length === 0) return [];
  if (queries.length > GRAPH_BATCH_LIMIT) throw new Error(`A Graph batch takes at most ${GRAPH_BATCH_LIMIT} sub-requests, got ${queries.length}`);
  const batch = queries.map((q) => ({ method: "GET", relative_url: performanceRelativeUrl(q, range) }));
  const answers = await request({
    method: "POST",
    path: "",
    accessToken: ctx.accessToken,
    body: { batch: JSON.stringify(batch), include_headers: true },
    schema: batchResponseSchema,
  });
  return queries.map((q, i) => toPerformanceResult(q, answers[i]));
}
