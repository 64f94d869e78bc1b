import { z } from "zod";
import { searchGraphGeoLocations } from "./geo-search";
import { getPerformanceBatch } from "./graph-batch";
import { createGraphClient, type GraphClientOptions } from "./graph-client";
import { subscribeGraphAdAccount, subscribeGraphPageToLeads } from "./graph-subscriptions";
import { toAdParams, toAdSetParams, toCampaignParams, toCreativeParams } from "./payloads";
import { insightsRowSchema, leadBodySchema, toInsightsRow, toLead } from "./transform";
import { GRAPH_API_VERSION, GRAPH_BATCH_LIMIT, GraphApiError, type AccessToken, type AdPlatform, type LiveObject, type MarkedObjectQuery } from "./types";

export interface GraphAdPlatformOptions extends GraphClientOptions {
  appId: string;
  now?: () => Date;
}

const idBody = z.object({ id: z.string() });
const tokenBody = z.object({ access_token: z.string(), expires_in: z.number().optional() });
const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
  });
const adAccountBody = z.object({
  id: z.string(),
  name: z.string().default(""),
  currency: z.string().default("USD"),
  account_status: z.number().default(1),
  timezone_name: z.string().optional(),
});
const pageBody = z.object({ id: z.string(), name: z.string().default("") });
const imagesBody = z.object({ images: z.record(z.string(), z.object({ hash: z.string() })) });
const markedBody = z.object({ id: z.string(), name: z.string().default(""), status: z.string().optional() });
const markedImageBody = z.object({ hash: z.string(), name: z.string().default(""), status: z.string().optional() });
const MAX_PAGES = 20;
const LEAD_NOT_FOUND = { httpStatus: 400, code: 100, subcode: 33, type: "GraphMethodException", isTransient: false };
// ?ids= answers an object keyed by id; Graph sends daily_budget as a string of minor units.
const liveObjectsBody = z.record(
  z.string(),
  z.object({
    id: z.string(),
    status: z.string(),
    daily_budget: z.union([z.string(), z.number()]).transform((v) => Number(v)).optional(),
  }),
);

/**
 * The edge to search and whether Graph can filter it by name: campaigns, ad sets and ads accept
 * `filtering` on name CONTAIN; creatives and images are listed and matched here.
 */
function markedEdge(adAccountId: string, q: MarkedObjectQuery): { path: string; filterable: boolean } {
  switch (q.kind) {
    case "campaign":
      return { path: `${adAccountId}/campaigns`, filterable: true };
    case "adset":
      return { path: `${q.parentId ?? adAccountId}/adsets`, filterable: true };
    case "ad":
      return { path: `${q.parentId ?? adAccountId}/ads`, filterable: true };
    case "creative":
      return { path: `${adAccountId}/adcreatives`, filterable: false };
    case "image":
      return { path: `${adAccountId}/adimages`, filterable: false };
  }
}

export function createGraphAdPlatform(opts: GraphAdPlatformOptions): AdPlatform {
  const request = createGraphClient(opts);
  const now = opts.now ?? (() => new Date());

  const toToken = (body: z.infer<typeof tokenBody>): AccessToken => ({
    accessToken: body.access_token,
    expiresAt: body.expires_in ? new Date(now().getTime() + body.expires_in * 1000) : null,
  });

  /** Follows cursor paging (not `paging.next`, whose URL can embed the token). */
  async function listAll<T extends z.ZodType>(path: string, accessToken: string, item: T, query: Record<string, string>) {
    const all: z.output<T>[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await request({
        method: "GET",
        path,
        accessToken,
        query: { ...query, limit: "100", ...(after ? { after } : {}) },
        schema: paged(item),
      });
      all.push(...body.data);
      after = body.paging?.cursors?.after;
      if (!body.paging?.next || !after) break;
    }
    return all;
  }

  const create = (accessToken: string, path: string, body: Record<string, unknown>) =>
    request({ method: "POST", path, accessToken, body, schema: idBody });

  return {
    kind: "graph",

    oauthDialogUrl({ state, redirectUri, scopes }) {
      const url = new URL(`https://www.facebook.com/${GRAPH_API_VERSION}/dialog/oauth`);
      url.search = new URLSearchParams({
        client_id: opts.appId,
        redirect_uri: redirectUri,
        state,
        response_type: "code",
        scope: scopes.join(","),
      }).toString();
      return url.toString();
    },

    async exchangeCode({ code, redirectUri }) {
      const query = { client_id: opts.appId, client_secret: opts.appSecret, redirect_uri: redirectUri, code };
      return toToken(await request({ method: "GET", path: "oauth/access_token", query, schema: tokenBody }));
    },

    async extendToken(accessToken) {
      const query = {
        grant_type: "fb_exchange_token",
        client_id: opts.appId,
        client_secret: opts.appSecret,
        fb_exchange_token: accessToken,
      };
      return toToken(await request({ method: "GET", path: "oauth/access_token", query, schema: tokenBody }));
    },

    async listAdAccounts(accessToken) {
      const rows = await listAll("me/adaccounts", accessToken, adAccountBody, {
        fields: "id,name,currency,account_status,timezone_name",
      });
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        currency: r.currency,
        accountStatus: r.account_status,
        timezoneName: r.timezone_name,
      }));
    },

    async listPages(accessToken) {
      return listAll("me/accounts", accessToken, pageBody, { fields: "id,name" });
    },

    searchGeoLocations: (accessToken, query) => searchGraphGeoLocations(request, accessToken, query),
    subscribePageToLeads: (accessToken, pageId) => subscribeGraphPageToLeads(request, accessToken, pageId),
    subscribeAdAccountToApp: (ctx) => subscribeGraphAdAccount(request, opts.appId, ctx),

    async getLead(accessToken, leadgenId) {
      // The id goes into the path: anything but Graph's digits would address another object.
      if (!/^\d+$/.test(leadgenId)) throw new GraphApiError(`Graph API error 100/33: lead id is not a Graph id`, LEAD_NOT_FOUND);
      const query = { fields: "created_time,field_data,ad_id,form_id" };
      return toLead(await request({ method: "GET", path: leadgenId, accessToken, query, schema: leadBodySchema }));
    },

    createCampaign: (ctx, input) => create(ctx.accessToken, `${ctx.adAccountId}/campaigns`, toCampaignParams(input)),
    createAdSet: (ctx, input) => create(ctx.accessToken, `${ctx.adAccountId}/adsets`, toAdSetParams(input)),
    createCreative: (ctx, input) => create(ctx.accessToken, `${ctx.adAccountId}/adcreatives`, toCreativeParams(input)),
    createAd: (ctx, input) => create(ctx.accessToken, `${ctx.adAccountId}/ads`, toAdParams(input)),

    async uploadImage(ctx, image) {
      const body = await request({
        method: "POST",
        path: `${ctx.adAccountId}/adimages`,
        accessToken: ctx.accessToken,
        body: { bytes: image.bytes.toString("base64"), name: image.name },
        schema: imagesBody,
      });
      const first = Object.values(body.images)[0];
      if (!first) throw new Error("Graph accepted the image but returned no hash");
      return { hash: first.hash };
    },

    async updateStatus(ctx, objectId, status) {
      await request({
        method: "POST",
        path: objectId,
        accessToken: ctx.accessToken,
        body: { status },
        schema: z.object({ success: z.boolean() }),
      });
    },

    async findMarkedObjects(ctx, q) {
      const { path, filterable } = markedEdge(ctx.adAccountId, q);
      const query: Record<string, string> = { fields: q.kind === "image" ? "hash,name,status" : "id,name,status" };
      if (filterable) query.filtering = JSON.stringify([{ field: "name", operator: "CONTAIN", value: q.marker }]);
      const rows =
        q.kind === "image"
          ? (await listAll(path, ctx.accessToken, markedImageBody, query)).map((r) => ({ id: r.hash, name: r.name, status: r.status }))
          : await listAll(path, ctx.accessToken, markedBody, query);
      return rows.filter((r) => r.name.includes(q.marker) && r.status !== "DELETED");
    },

    getPerformanceBatch: (ctx, queries, range) => getPerformanceBatch(request, ctx, queries, range),

    /** One GET ?ids=… per 50 ids (Graph's limit); an unknown id fails the request, as Graph does. */
    async readObjects(ctx, objectIds) {
      const live: LiveObject[] = [];
      for (let i = 0; i < objectIds.length; i += GRAPH_BATCH_LIMIT) {
        const ids = objectIds.slice(i, i + GRAPH_BATCH_LIMIT);
        const body = await request({
          method: "GET",
          path: "",
          accessToken: ctx.accessToken,
          query: { ids: ids.join(","), fields: "id,status,daily_budget" },
          schema: liveObjectsBody,
        });
        for (const id of ids) {
          const o = body[id];
          if (!o) throw new Error(`Graph answered without object ${id}`);
          live.push({ id: o.id, status: o.status, ...(o.daily_budget !== undefined ? { dailyBudgetCents: o.daily_budget } : {}) });
        }
      }
      return live;
    },

    // The amount is already in the account currency's Graph minor unit, as createAdSet's is (toGraphAmount at the caller).
    async updateDailyBudget(ctx, adSetId, dailyBudgetCents) {
      await request({
        method: "POST",
        path: adSetId,
        accessToken: ctx.accessToken,
        body: { daily_budget: dailyBudgetCents },
        schema: z.object({ success: z.boolean() }),
      });
    },

    async getInsights(ctx, objectId, range) {
      const rows = await listAll(`${objectId}/insights`, ctx.accessToken, insightsRowSchema, {
        fields: "spend,impressions,reach,clicks,ctr,actions",
        time_range: JSON.stringify(range),
        time_increment: "1",
      });
      return rows.map(toInsightsRow);
    },
  };
}
