import { createHmac } from "node:crypto";
import { http, HttpResponse } from "msw";
import { graphError } from "./graph";

/**
 * Graph's webhook subscriptions for msw: `GET /{page}?fields=access_token` (the Page token, handed
 * out only for Pages the user has a role on; otherwise Graph leaves the field out), `POST
 * /{page}/subscribed_apps` (only with that Page's token, as Graph requires) and `POST
 * /act_…/subscribed_apps` (the user token and our app id). Tokens and appsecret_proof are checked
 * like the fake of ./graph does; `failNext` scripts Graph's refusals. Other requests fall through.
 */
export const SUBSCRIBE_FAILURES = {
  missingPagePermission: { status: 403, body: graphError(200, "(#200) Requires pages_manage_metadata permission to manage the object") },
  appLacksPermission: { status: 400, body: graphError(10, "(#10) Application does not have permission for this action") },
  tokenExpired: { status: 400, body: graphError(190, "Error validating access token: Session has expired.", { error_subcode: 463 }) },
  adAccountThrottle: {
    status: 400,
    body: graphError(80004, "There have been too many calls to this ad-account. Wait a bit and try again."),
    headers: { "X-Business-Use-Case-Usage": JSON.stringify({ "111": [{ type: "ads_management", call_count: 100, estimated_time_to_regain_access: 2 }] }) },
  },
};

type Failure = { status: number; body: unknown; headers?: Record<string, string> };
type Edge = "page-token" | "page-subscribe" | "ad-account-subscribe";

export function createGraphSubscriptionsFake(opts: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  userTokens: string[];
  /** Pages the user has a role on, with the Page token Graph hands out for each. */
  pageTokens: Record<string, string>;
}) {
  const root = `${opts.baseUrl.replace(/\/$/, "")}/v26.0`;
  const requests: { edge: Edge; path: string; token: string; body?: Record<string, unknown> }[] = [];
  const subscribedPages = new Map<string, string>();
  const subscribedAdAccounts = new Set<string>();
  const failures: { edge?: Edge; failure: Failure }[] = [];

  /** The caller's token when it is one of `allowed` with a matching proof, else Graph's refusal. */
  function checkToken(request: Request, allowed: string[]): { token: string } | { refusal: Response } {
    const url = new URL(request.url);
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (!allowed.includes(token)) return { refusal: HttpResponse.json(graphError(190, "Invalid OAuth access token."), { status: 400 }) };
    if (url.searchParams.get("appsecret_proof") !== createHmac("sha256", opts.appSecret).update(token).digest("hex")) {
      return { refusal: HttpResponse.json(graphError(100, "Invalid appsecret_proof provided in the API argument"), { status: 400 }) };
    }
    return { token };
  }

  async function handle(edge: Edge, request: Request, path: string, allowed: string[], answer: (body: Record<string, unknown>) => Response) {
    const body = request.method === "POST" ? ((await request.json()) as Record<string, unknown>) : undefined;
    const checked = checkToken(request, allowed);
    requests.push({ edge, path, token: "token" in checked ? checked.token : "(refused)", body });
    if ("refusal" in checked) return checked.refusal;
    const index = failures.findIndex((f) => !f.edge || f.edge === edge);
    const scripted = index >= 0 ? failures.splice(index, 1)[0]!.failure : undefined;
    if (scripted) return HttpResponse.json(scripted.body as object, { status: scripted.status, headers: scripted.headers });
    return answer(body ?? {});
  }

  const handlers = [
    http.get(`${root}/:pageId`, ({ request, params }) => {
      if (new URL(request.url).searchParams.get("fields") !== "access_token") return undefined;
      const pageId = String(params.pageId);
      return handle("page-token", request, pageId, opts.userTokens, () => {
        const token = opts.pageTokens[pageId];
        return HttpResponse.json(token ? { access_token: token, id: pageId } : { id: pageId });
      });
    }),
    http.post(`${root}/:objectId/subscribed_apps`, ({ request, params }) => {
      const objectId = String(params.objectId);
      if (objectId.startsWith("act_")) {
        return handle("ad-account-subscribe", request, `${objectId}/subscribed_apps`, opts.userTokens, (body) => {
          if (String(body.app_id) !== opts.appId) return HttpResponse.json(graphError(100, "(#100) Invalid app_id"), { status: 400 });
          subscribedAdAccounts.add(objectId);
          return HttpResponse.json({ success: true });
        });
      }
      const pageToken = opts.pageTokens[objectId];
      if (!pageToken) return HttpResponse.json(graphError(100, `Unsupported post request. Object with ID '${objectId}' does not exist`), { status: 400 });
      if (opts.userTokens.includes(request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "")) {
        return HttpResponse.json(graphError(210, "(#210) A page access token is required to request this resource."), { status: 400 });
      }
      return handle("page-subscribe", request, `${objectId}/subscribed_apps`, [pageToken], (body) => {
        if (typeof body.subscribed_fields !== "string") return HttpResponse.json(graphError(100, "(#100) The parameter subscribed_fields is required"), { status: 400 });
        subscribedPages.set(objectId, body.subscribed_fields);
        return HttpResponse.json({ success: true });
      });
    }),
  ];

  return {
    handlers,
    requests,
    /** Page id → the fields it is subscribed to (`leadgen`). */
    subscribedPages,
    subscribedAdAccounts,
    /** The next request (to `edge`, if given) gets this answer instead. */
    failNext: (failure: Failure, edge?: Edge) => void failures.push({ edge, failure }),
    reset: () => {
      requests.length = 0;
      subscribedPages.clear();
      subscribedAdAccounts.clear();
      failures.length = 0;
    },
  };
}
