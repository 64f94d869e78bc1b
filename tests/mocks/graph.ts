import { createHmac } from "node:crypto";
import { http, HttpResponse } from "msw";

/**
 * A small in-memory Graph API for msw: it checks the Bearer token and its appsecret_proof like
 * Graph does, keeps created objects, and lets a test script failures (`failNext`) such as a
 * code-17 throttle with usage headers, an expired token, a 500 or an unreadable body.
 */
export interface GraphFakeObject {
  id: string;
  kind: string;
  adAccountId: string;
  body: Record<string, unknown>;
}

interface ScriptedFailure {
  match?: (req: { method: string; path: string }) => boolean;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEfFake", ...extra },
});

const KINDS: Record<string, string> = { campaigns: "campaign", adsets: "adset", adcreatives: "creative", ads: "ad" };

export function createGraphFake(opts: { baseUrl?: string; appId?: string; appSecret: string; tokens?: string[] }) {
  const root = `${(opts.baseUrl ?? "https://graph.facebook.com").replace(/\/$/, "")}/v26.0`;
  const tokens = new Set(opts.tokens ?? []);
  const objects = new Map<string, GraphFakeObject>();
  const requests: { method: string; path: string; query: URLSearchParams; body?: Record<string, unknown> }[] = [];
  const failures: ScriptedFailure[] = [];
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
    if (index >= 0) {
      const [f] = failures.splice(index, 1);
      const payload = typeof f!.body === "string" ? f!.body : JSON.stringify(f!.body);
      return new HttpResponse(payload, { status: f!.status, headers: { "content-type": "application/json", ...f!.headers } });
    }

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
      return HttpResponse.json({ images: { bytes: { hash, url: `https://scontent.fake/${hash}.jpg` } } });
    }
    if (request.method === "POST" && first?.startsWith("act_") && second && KINDS[second]) {
      const id = nextId();
      objects.set(id, { id, kind: KINDS[second]!, adAccountId: first, body: body ?? {} });
      return HttpResponse.json({ id });
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
  });

  return {
    handlers: [handler],
    objects,
    requests,
    tokens,
    /** The next request (matching `match`, if given) gets this response instead. */
    failNext: (failure: ScriptedFailure) => void failures.push(failure),
    reset: () => {
      objects.clear();
      requests.length = 0;
      failures.length = 0;
    },
  };
}
