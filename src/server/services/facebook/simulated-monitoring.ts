import type { Db } from "@/server/db/client";
import { accountDay } from "./simulated-clock";
import { changeSimulatedObject, type ChangeTime } from "./simulated-history";
import { createDeliveryModel } from "./simulated-performance";
import { findSimulatedObject, listSimulatedObjects, simulatedFaultError, takeSimulatedFault, type SimulatedObject, type SimulatedOperation } from "./simulated-store";
import { GRAPH_BATCH_LIMIT, GraphApiError, type AdAccountContext, type AdPlatform, type InsightsRow, type ObjectPerformance, type PerformanceResult } from "./types";

/**
 * The simulated account's read side for monitoring (insights, batches, live reads) and its budget
 * write, all answering from the same delivery model and the account's own clock and time zone.
 */

export interface MonitoringHelpers {
  db: Db;
  /** Token + account checks and the call's fault, as for every simulated operation. */
  guard: (operation: SimulatedOperation, ctx: AdAccountContext) => Promise<<T>(result: T) => T>;
  /** The account's now (real or injected now + its simulated clock) and its time zone. */
  clock: (adAccountId: string) => Promise<{ now: Date; timeZone: string }>;
  changeTime: (adAccountId: string) => Promise<ChangeTime>;
  missingObject: (id: string) => GraphApiError;
  invalidParameter: (message: string, subcode?: number) => GraphApiError;
  /** Counts what would be one Graph HTTP request each. */
  countRequest: () => void;
}

const LEVEL_KIND = { campaign: "campaign", adset: "adset", ad: "ad" } as const;

/** Graph's effective_status: an object is held back by a paused parent even when itself ACTIVE. */
function effectiveStatus(o: SimulatedObject, byId: Map<string, SimulatedObject>): string {
  if (o.status !== "ACTIVE") return o.status ?? "PAUSED";
  const ancestors: SimulatedObject[] = [];
  for (let p = o.parentId ? byId.get(o.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) ancestors.unshift(p);
  // The campaign's pause wins over the ad set's, as in Graph.
  const held = ancestors.find((p) => p.status !== "ACTIVE");
  if (!held) return "ACTIVE";
  return held.kind === "campaign" ? "CAMPAIGN_PAUSED" : "ADSET_PAUSED";
}

/** Insights rows as Graph's JSON would carry them (spend in major units, strings), for `raw`. */
const toGraphRow = (r: InsightsRow) => ({
  date_start: r.dateStart,
  date_stop: r.dateStop,
  spend: (r.spendCents / 100).toFixed(2),
  impressions: String(r.impressions),
  reach: String(r.reach),
  clicks: String(r.clicks),
  ctr: String(r.ctr),
  frequency: String(r.frequency ?? 0),
  actions: [{ action_type: "purchase", value: String(r.conversions) }],
  action_values: [{ action_type: "purchase", value: ((r.conversionValueCents ?? 0) / 100).toFixed(2) }],
});

export function simulatedMonitoring(h: MonitoringHelpers): Pick<AdPlatform, "getInsights" | "getPerformanceBatch" | "readObjects" | "updateDailyBudget"> {
  async function modelFor(ctx: AdAccountContext) {
    const [{ now, timeZone }, objects] = await Promise.all([h.clock(ctx.adAccountId), listSimulatedObjects(h.db, ctx.adAccountId)]);
    return createDeliveryModel(objects, accountDay(now, timeZone));
  }

  return {
    async getInsights(ctx, objectId, range) {
      h.countRequest();
      const answer = await h.guard("getInsights", ctx);
      const model = await modelFor(ctx);
      if (objectId !== ctx.adAccountId && !model.byId.has(objectId)) throw h.missingObject(objectId);
      return answer(model.insights(objectId === ctx.adAccountId ? "account" : objectId, range));
    },

    async getPerformanceBatch(ctx, queries, range) {
      h.countRequest();
      if (queries.length > GRAPH_BATCH_LIMIT) throw h.invalidParameter(`Too many requests in batch message. Maximum batch size is ${GRAPH_BATCH_LIMIT}`);
      const answer = await h.guard("getPerformanceBatch", ctx);
      const model = await modelFor(ctx);
      const results: PerformanceResult[] = [];
      for (const q of queries) {
        // A per-item fault fails this sub-request only, as one sub-response of a Graph batch can.
        const fault = await takeSimulatedFault(h.db, "getPerformanceBatch:item", ctx.adAccountId);
        const o = model.byId.get(q.objectId);
        if (fault) results.push({ objectId: q.objectId, ok: false, error: simulatedFaultError(fault, "getPerformanceBatch:item") });
        else if (!o || o.kind !== LEVEL_KIND[q.level]) results.push({ objectId: q.objectId, ok: false, error: h.missingObject(q.objectId) });
        else {
          const days = model.insights(o.id, range);
          const value: ObjectPerformance = {
            objectId: o.id,
            level: q.level,
            status: o.status ?? "PAUSED",
            effectiveStatus: effectiveStatus(o, model.byId),
            ...(o.kind === "adset" ? { dailyBudgetCents: Number(o.fields.daily_budget ?? 0) } : {}),
            ...(o.kind === "ad" ? { creativeId: String((o.fields.creative as { creative_id?: string } | undefined)?.creative_id ?? "") } : {}),
            days,
            raw: { id: o.id, status: o.status, effective_status: effectiveStatus(o, model.byId), insights: { data: days.map(toGraphRow) } },
          };
          results.push({ objectId: q.objectId, ok: true, value });
        }
      }
      return answer(results);
    },

    async readObjects(ctx, objectIds) {
      h.countRequest();
      const answer = await h.guard("readObjects", ctx);
      const live = [];
      for (const id of objectIds) {
        const row = await findSimulatedObject(h.db, ctx.adAccountId, id, ["campaign", "adset", "ad"]);
        // Graph's ?ids= fails the whole request when one id is unknown.
        if (!row) throw h.missingObject(id);
        live.push({ id: row.id, status: row.status ?? "PAUSED", ...(row.kind === "adset" ? { dailyBudgetCents: Number(row.fields.daily_budget ?? 0) } : {}) });
      }
      return answer(live);
    },

    async updateDailyBudget(ctx, adSetId, dailyBudgetCents) {
      h.countRequest();
      const answer = await h.guard("updateDailyBudget", ctx);
      const row = await findSimulatedObject(h.db, ctx.adAccountId, adSetId, ["adset"]);
      if (!row) throw h.missingObject(adSetId);
      if (!Number.isInteger(dailyBudgetCents) || dailyBudgetCents < 100) {
        throw h.invalidParameter("Your budget is too low. The minimum daily budget is 1.00.", 1885272);
      }
      await changeSimulatedObject(h.db, row, { dailyBudget: dailyBudgetCents }, await h.changeTime(ctx.adAccountId));
      answer(undefined);
    },
  };
}
