import { createHmac } from "node:crypto";
import { http, HttpResponse } from "msw";
import { graphError, type createGraphFake } from "./graph";

type GraphFake = ReturnType<typeof createGraphFake>;

/**
 * Graph's live reads and budget writes on top of the in-memory fake of ./graph: `GET /?ids=a,b&fields=…`
 * (one request for many objects, keyed by id; an unknown id fails the whole request with 100/33, as
 * Graph does) and `POST /<ad set id> {daily_budget}` (checked against Graph's minimum of 100 minor
 * units). List these handlers before the fake's own so they answer first; anything else falls through.
 */
export function graphObjectsHandlers(fake: GraphFake, opts: { baseUrl?: string; appSecret: string }) {
  const root = `${(opts.baseUrl ?? "https://graph.facebook.com").replace(/\/$/, "")}/v26.0`;

  function denied(request: Request, url: URL) {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "");
    if (!token || !fake.tokens.has(token)) return HttpResponse.json(graphError(190, "Invalid OAuth access token."), { status: 400 });
    const proof = createHmac("sha256", opts.appSecret).update(token).digest("hex");
    if (url.searchParams.get("appsecret_proof") !== proof) {
      return HttpResponse.json(graphError(100, "Invalid appsecret_proof provided in the API argument"), { status: 400 });
    }
    return undefined;
  }

  const readByIds = http.get(`${root}/`, ({ request }) => {
    const url = new URL(request.url);
    const ids = url.searchParams.get("ids");
    if (!ids) return undefined;
    fake.requests.push({ method: "GET", path: "", query: url.searchParams });
    const refused = denied(request, url);
    if (refused) return refused;
    const fields = (url.searchParams.get("fields") ?? "id").split(",");
    const answer: Record<string, Record<string, unknown>> = {};
    for (const id of ids.split(",")) {
      const o = fake.objects.get(id);
      if (!o || o.body.status === "DELETED") {
        return HttpResponse.json(graphError(100, `Unsupported get request. Object with ID '${id}' does not exist`, { error_subcode: 33 }), { status: 400 });
      }
      const all: Record<string, unknown> = { id, status: o.body.status ?? "PAUSED" };
      // Graph sends money as strings of the currency's minor unit, and only on objects that have it.
      if (o.kind === "adset" && o.body.daily_budget !== undefined) all.daily_budget = String(o.body.daily_budget);
      answer[id] = Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k)));
    }
    return HttpResponse.json(answer);
  });

  const updateBudget = http.post(`${root}/:objectId`, async ({ request, params }) => {
    const body = (await request.clone().json().catch(() => ({}))) as Record<string, unknown>;
    const target = fake.objects.get(String(params.objectId));
    if (!("daily_budget" in body) || target?.kind !== "adset") return undefined;
    const url = new URL(request.url);
    const refused = denied(request, url);
    if (refused) return refused;
    const amount = Number(body.daily_budget);
    if (!Number.isInteger(amount) || amount < 100) {
      fake.requests.push({ method: "POST", path: target.id, query: url.searchParams, body });
      return HttpResponse.json(graphError(100, "Invalid parameter", { error_subcode: 1885272, error_user_msg: "Your budget is too low." }), { status: 400 });
    }
    // Valid: the fake's own POST handler records and applies it like any field update.
    return undefined;
  });

  return [readByIds, updateBudget];
}
