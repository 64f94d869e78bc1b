import { createHmac } from "node:crypto";
import { http, HttpResponse } from "msw";
import { graphError } from "./graph";

/**
 * Graph's Lead Ads read, `GET /{leadgen_id}?fields=created_time,field_data,ad_id,form_id`, for msw:
 * leads kept in Graph's wire shape, the Bearer token and appsecret_proof checked like Graph does, an
 * unknown or deleted lead answered with Graph's 100/33, and scripted failures (`failNext`) such as a
 * page throttle with usage headers or a 500. Requests without `field_data` in `fields` fall through,
 * so these handlers sit beside the general fake of ./graph.
 */
export interface GraphLeadBody {
  id: string;
  created_time: string;
  ad_id?: string;
  form_id?: string;
  field_data: { name: string; values: unknown[] }[];
}

export const LEAD_FAILURES = {
  // Lead retrieval counts against the page: Graph answers 32 with the page's usage header.
  pageThrottle: {
    status: 400,
    body: graphError(32, "Page request limit reached"),
    headers: { "X-Business-Use-Case-Usage": JSON.stringify({ "222": [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 4 }] }) },
  },
  serverError: { status: 500, body: graphError(2, "An unexpected error has occurred. Please retry your request later.", { is_transient: true }) },
};

type Failure = { status: number; body: unknown; headers?: Record<string, string> };

export function createGraphLeadsFake(opts: { baseUrl: string; appSecret: string; tokens: string[] }) {
  const leads = new Map<string, GraphLeadBody>();
  const failures: Failure[] = [];
  const requests: { leadgenId: string; fields: string }[] = [];

  const handler = http.get(`${opts.baseUrl.replace(/\/$/, "")}/v26.0/:leadgenId`, ({ request, params }) => {
    const url = new URL(request.url);
    const fields = url.searchParams.get("fields") ?? "";
    if (!fields.includes("field_data")) return undefined;
    const leadgenId = String(params.leadgenId);
    requests.push({ leadgenId, fields });
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (!opts.tokens.includes(token)) return HttpResponse.json(graphError(190, "Invalid OAuth access token."), { status: 400 });
    if (url.searchParams.get("appsecret_proof") !== createHmac("sha256", opts.appSecret).update(token).digest("hex")) {
      return HttpResponse.json(graphError(100, "Invalid appsecret_proof provided in the API argument"), { status: 400 });
    }
    const failure = failures.shift();
    if (failure) return HttpResponse.json(failure.body as object, { status: failure.status, headers: failure.headers });
    const lead = leads.get(leadgenId);
    if (!lead) {
      const message = `Unsupported get request. Object with ID '${leadgenId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`;
      return HttpResponse.json(graphError(100, message, { type: "GraphMethodException", error_subcode: 33 }), { status: 400 });
    }
    const wanted = new Set(fields.split(","));
    return HttpResponse.json(Object.fromEntries(Object.entries(lead).filter(([k]) => k === "id" || wanted.has(k))));
  });

  return {
    handlers: [handler],
    leads,
    requests,
    addLead: (lead: GraphLeadBody) => void leads.set(lead.id, lead),
    /** The next lead read gets this answer instead. */
    failNext: (failure: Failure) => void failures.push(failure),
    reset: () => {
      leads.clear();
      failures.length = 0;
      requests.length = 0;
    },
  };
}
