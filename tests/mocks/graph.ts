import { createHmac } from "node:crypto";
import { http, HttpResponse } from "msw";

/**
 * A small in-memory Graph API for msw: it checks the Bearer token and its appsecret_proof like
 * Graph does, keeps created objects (images by content hash, as Graph does), lists the edges
 * deployment searches (with `filtering` on name CONTAIN), and lets a test script failures
 * (`failNext`) such as a code-17 throttle with usage headers, an expired token, a 500, an
 * unreadable body, a dropped connection, or any of these after the write was applied.
 * It also answers Graph batch requests (POST to the root with `batch=[…]`): each sub-request is
 * answered on its own, and `failSubRequest` scripts one sub-response (a 613 or 17 throttle, a 500,
 * or Graph's `null` for a sub-request it timed out) while the others succeed.
 */
export interface GraphFakeObject {
  id: string;
  kind: string;
  adAccountId: string;
  /** The campaign of an ad set, the ad set of an ad. */
  parentId?: string;
  body: Record<string, unknown>;
}

export interface ScriptedFailure {
  match?: (req: { method: string; path: string }) => boolean;
  /** "before" (default): nothing is written. "after-write": the request is applied, then its answer is replaced. */
  phase?: "before" | "after-write";
  /** The connection drops: fetch rejects, as when a proxy or Graph's edge cuts it. */
  dropConnection?: boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ScriptedSubFailure {
  objectId: string;
  /** `null`: Graph timed this sub-request out and answers null in its place. */
  code: number | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many batches it fails in (default 1). */
  times?: number;
}

/** A sub-response as Graph sends it for a throttled or failed sub-request. */
export const SUB_FAILURES = {
  appThrottle: (objectId: string, times = 1): ScriptedSubFailure => ({
    objectId, code: 400, times, body: graphError(613, "Calls within one hour have exceeded the rate limit for this ad account"),
    headers: { "X-Business-Use-Case-Usage": JSON.stringify({ "111": [{ type: "ads_insights", call_count: 100, estimated_time_to_regain_access: 3 }] }) },
  }),
  userThrottle: (objectId: string, times = 1): ScriptedSubFailure => ({
    objectId, code: 400, times, body: graphError(17, "User request limit reached"), headers: { "Retry-After": "120" },
  }),
  serverError: (objectId: string, times = 1): ScriptedSubFailure => ({
    objectId, code: 500, times, body: graphError(2, "An unexpected error has occurred. Please retry your request later.", { is_transient: true }),
  }),
  timedOut: (objectId: string, times = 1): ScriptedSubFailure => ({ objectId, code: null, times }),
};

/** Graph's HTML error page, which arrives instead of JSON when its edge fails. */
export const HTML_502 = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";

export const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEfFake", ...extra },
});

const KINDS: Record<string, string> = { campaigns: "campaign", adsets: "adset", adcreatives: "creative", ads: "ad" };
const PARENT_FIELD: Record<string, string> = { adset: "campaign_id", ad: "adset_id" };

const nameFilter = (query: URLSearchParams): string | undefined => {
  const raw = query.get("filtering");
  if (!raw) return undefined;
  const rules = JSON.parse(raw) as { field: string; operator: string; value: string }[];
  return rules.find((r) => r.field === "name" && r.operator === "CONTAIN")?.value;
};

export function createGraphFake(opts: { baseUrl?: string; appId?: string; appSecret: string; tokens?: string[] }) {
  const root = `${(opts.baseUrl ?? "https://graph.facebook.com").replace(/\/$/, "")}/v26.0`;
  const tokens = new Set(opts.tokens ?? []);
  const objects = new Map<string, GraphFakeObject>();
  const requests: { method: string; path: string; query: URLSearchParams; body?: Record<string, unknown> }[] = [];
  const failures: ScriptedFailure[] = [];
  const subFailures: ScriptedSubFailure[] = [];
  // Daily insights rows per object (Graph's wire shape); objects without any report no delivery.
  const insights = new Map<string, Record<string, unknown>[]>();
  // The object ids of each batch request, in order, for assertions on what was retried.
  const batches: { objectIds: string[]; relativeUrls: string[] }[] = [];
  let seq = 0;
  const nextId = () => `1209${String(++seq).padStart(14, "0")}`;

  function authError(request: Request, url: URL) {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "");
    if (!token || !tokens.has(token)) return HttpResponse.json(graphError(190, "Invalid OAuth access token."), { status: 400 });
    const proof = createHmac("sha256", opts.appSecret).update(token).digest("hex");
    if (url.searchParams.get("appsecret_proof") !== proof) {
      return HttpResponse.json(graphError(100, "Invalid appsecret_proof provided in the API argument"), { status: 400 });
    }
    return undefined;
  }

  const handler = http.all(`${root}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const path = url.pathname.slice(url.pathname.indexOf("/v26.0/") + "/v26.0/".length);
    const body = request.method === "POST" ? ((await request.json()) as Record<string, unknown>) : undefined;
    requests.push({ method: request.method, path, query: url.searchParams, body });

    const index = failures.findIndex((f) => !f.match || f.match({ method: request.method, path }));
    const failure = index >= 0 ? failures.splice(index, 1)[0] : undefined;
    if (failure && failure.phase !== "after-write") return failed(failure);
    if (path === "" && request.method === "POST" && typeof body?.batch === "string") {
      return authError(request, url) ?? batch(JSON.parse(body.batch) as { method: string; relative_url: string }[]);
    }
    const answer = await respond(request, url, path, body);
    return failure ? failed(failure) : answer;
  });

  function failed(f: ScriptedFailure) {
    if (f.dropConnection) return HttpResponse.error();
    const payload = typeof f.body === "string" ? f.body : JSON.stringify(f.body);
    const type = typeof f.body === "string" && f.body.startsWith("<") ? "text/html" : "application/json";
    return new HttpResponse(payload, { status: f.status ?? 500, headers: { "content-type": type, ...f.headers } });
  }

  function batch(subs: { method: string; relative_url: string }[]) {
    if (subs.length > 50) return HttpResponse.json(graphError(1, "The batch exceeds the 50 sub-request limit."), { status: 400 });
    const ids = subs.map((s) => decodeURIComponent(s.relative_url.split("?")[0]!));
    batches.push({ objectIds: ids, relativeUrls: subs.map((s) => s.relative_url) });
    return HttpResponse.json(subs.map((s, i) => subResponse(ids[i]!, s)));
  }

  function subResponse(objectId: string, sub: { method: string; relative_url: string }) {
    const scripted = subFailures.find((f) => f.objectId === objectId && (f.times ?? 1) > 0);
    if (scripted) {
      scripted.times = (scripted.times ?? 1) - 1;
      if (scripted.code === null) return null;
      const headers = Object.entries(scripted.headers ?? {}).map(([name, value]) => ({ name, value }));
      return { code: scripted.code, headers, body: JSON.stringify(scripted.body ?? graphError(1, "An unknown error occurred")) };
    }
    const o = objects.get(objectId);
    if (sub.method !== "GET" || !o) {
      const error = graphError(100, `Unsupported get request. Object with ID '${objectId}' does not exist`, { error_subcode: 33 });
      return { code: 400, headers: [], body: JSON.stringify(error) };
    }
    const fields = new URLSearchParams(sub.relative_url.split("?")[1] ?? "").get("fields") ?? "";
    const range = /time_range\((\{[^)]*\})\)/.exec(fields);
    const { since, until } = range ? (JSON.parse(range[1]!) as { since: string; until: string }) : { since: "", until: "\uffff" };
    const rows = (insights.get(objectId) ?? []).filter((r) => String(r.date_start) >= since && String(r.date_start) <= until);
    const status = String(o.body.status ?? "PAUSED");
    const answer: Record<string, unknown> = { id: o.id, status, effective_status: status };
    if (fields.includes("daily_budget") && o.body.daily_budget !== undefined) answer.daily_budget = String(o.body.daily_budget);
    if (fields.includes("creative{id}") && o.body.creative) answer.creative = { id: String((o.body.creative as { creative_id?: string }).creative_id ?? o.body.creative) };
    // Graph leaves the insights edge out entirely for a range without delivery.
    if (fields.includes("insights") && rows.length) answer.insights = { data: rows, paging: { cursors: { before: "b", after: "a" } } };
    return { code: 200, headers: [{ name: "Content-Type", value: "text/javascript; charset=UTF-8" }], body: JSON.stringify(answer) };
  }

  /** Objects not DELETED and not under a DELETED parent (deleting a campaign deletes its ad sets and ads). */
  function isLive(o: GraphFakeObject): boolean {
    if (o.body.status === "DELETED") return false;
    const parent = o.parentId ? objects.get(o.parentId) : undefined;
    return parent ? isLive(parent) : true;
  }

  function list(kind: string, scope: { adAccountId?: string; parentId?: string }, query: URLSearchParams) {
    const contains = nameFilter(query);
    const rows = [...objects.values()].filter(
      (o) =>
        o.kind === kind &&
        (!scope.adAccountId || o.adAccountId === scope.adAccountId) &&
        (!scope.parentId || o.parentId === scope.parentId) &&
        o.body.status !== "DELETED" &&
        (!contains || String(o.body.name ?? "").includes(contains)),
    );
    // Graph answers newest first.
    const data = rows.reverse().map((o) =>
      kind === "image" ? { hash: o.id, name: o.body.name } : { id: o.id, name: o.body.name, status: o.body.status },
    );
    return HttpResponse.json({ data, paging: { cursors: { before: "b", after: "a" } } });
  }

  async function respond(request: Request, url: URL, path: string, body: Record<string, unknown> | undefined) {

    if (path === "oauth/access_token") {
      const q = url.searchParams;
      if (q.get("client_id") !== opts.appId) return HttpResponse.json(graphError(101, "Error validating application."), { status: 400 });
      const token = q.get("grant_type") === "fb_exchange_token" ? `long-${q.get("fb_exchange_token")}` : `short-${q.get("code")}`;
      tokens.add(token);
      return HttpResponse.json({ access_token: token, token_type: "bearer", expires_in: q.get("grant_type") ? 5_183_944 : 3600 });
    }

    const denied = authError(request, url);
    if (denied) return denied;

    if (path === "me/adaccounts") {
      return HttpResponse.json({
        data: [{ id: "act_111", name: "Main", currency: "USD", account_status: 1, timezone_name: "Europe/London" }],
        paging: { cursors: { before: "b", after: "a" } },
      });
    }
    if (path === "me/accounts") return HttpResponse.json({ data: [{ id: "222", name: "Shop page" }] });

    const [first, second] = path.split("/");
    if (request.method === "POST" && first?.startsWith("act_") && second === "adimages") {
      const hash = createHmac("md5", "img").update(String(body?.bytes)).digest("hex");
      // Same bytes, same hash: Graph keeps one image per hash; the latest upload's name is the one listed.
      objects.set(hash, { id: hash, kind: "image", adAccountId: first, body: { name: body?.name } });
      return HttpResponse.json({ images: { bytes: { hash, url: `https://scontent.fake/${hash}.jpg` } } });
    }
    if (request.method === "POST" && first?.startsWith("act_") && second && KINDS[second]) {
      const id = nextId();
      const kind = KINDS[second]!;
      const parentField = PARENT_FIELD[kind];
      const parentId = parentField ? String(body?.[parentField]) : undefined;
      if (parentId && !objects.has(parentId)) {
        return HttpResponse.json(graphError(100, `Invalid parameter: ${parentField} '${parentId}' does not exist`), { status: 400 });
      }
      objects.set(id, { id, kind, adAccountId: first, parentId, body: body ?? {} });
      return HttpResponse.json({ id });
    }
    if (request.method === "GET" && first?.startsWith("act_") && second === "adimages") return list("image", { adAccountId: first }, url.searchParams);
    if (request.method === "GET" && first?.startsWith("act_") && second && KINDS[second]) {
      return list(KINDS[second]!, { adAccountId: first }, url.searchParams);
    }
    if (request.method === "GET" && first && objects.has(first) && second && KINDS[second]) {
      return list(KINDS[second]!, { parentId: first }, url.searchParams);
    }
    if (request.method === "POST" && first && !second && objects.has(first)) {
      Object.assign(objects.get(first)!.body, body);
      return HttpResponse.json({ success: true });
    }
    if (request.method === "GET" && second === "insights" && first && objects.has(first)) {
      return HttpResponse.json({
        data: [
          {
            date_start: "2026-11-01", date_stop: "2026-11-01", spend: "12.34", impressions: "2000", reach: "1500",
            clicks: "30", ctr: "1.5", actions: [{ action_type: "link_click", value: "30" }, { action_type: "lead", value: "3" }],
          },
        ],
        paging: { cursors: { before: "b", after: "a" } },
      });
    }
    return HttpResponse.json(graphError(100, `Unsupported ${request.method} request. Object with ID '${first}' does not exist`, { error_subcode: 33 }), { status: 400 });
  }

  return {
    handlers: [handler],
    objects,
    /** Objects of one kind that exist and could deliver (not deleted, nor under a deleted parent). */
    live: (kind: string) => [...objects.values()].filter((o) => o.kind === kind && isLive(o)),
    requests,
    tokens,
    /** The next request (matching `match`, if given) gets this response instead. */
    failNext: (failure: ScriptedFailure) => void failures.push(failure),
    /** Drops scripted failures that no request consumed. */
    clearFailures: () => void (failures.length = 0),
    batches,
    /** One sub-response of the next batch(es) naming this object fails as scripted. */
    failSubRequest: (failure: ScriptedSubFailure) => void subFailures.push({ ...failure }),
    /** Daily insights rows for an object, in Graph's wire shape (`date_start`, `spend` as a string…). */
    setInsights: (objectId: string, rows: Record<string, unknown>[]) => void insights.set(objectId, rows),
    reset: () => {
      objects.clear();
      requests.length = 0;
      failures.length = 0;
      subFailures.length = 0;
      insights.clear();
      batches.length = 0;
    },
  };
}
