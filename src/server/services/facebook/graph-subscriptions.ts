import { z } from "zod";
import type { GraphRequestFn } from "./graph-client";
import { GraphApiError, type AdAccountContext } from "./types";

const pageTokenBody = z.object({ id: z.string(), access_token: z.string().optional() });
const successBody = z.object({ success: z.boolean() });

const refused = (message: string, code: number) =>
  new GraphApiError(`Graph API error ${code}: ${message}`, { httpStatus: 200, code, type: "OAuthException", isTransient: false });

async function postSubscription(request: GraphRequestFn, path: string, accessToken: string, body: Record<string, string>) {
  const answer = await request({ method: "POST", path, accessToken, body, schema: successBody });
  // Graph answers `success: false` when it did not keep the subscription; retrying would not change that.
  if (!answer.success) throw refused(`Facebook did not confirm the subscription on ${path}`, 100);
}

/**
 * `GET /{page}?fields=access_token` with the user token, then `POST /{page}/subscribed_apps` with the
 * Page token it answered. Graph leaves `access_token` out (rather than failing) when the login has no
 * role on the Page or was not granted the pages permissions: that is its permissions error (200) too.
 * The Page token stays in this function: it is not returned, and Graph's errors do not carry it.
 */
export async function subscribeGraphPageToLeads(request: GraphRequestFn, accessToken: string, pageId: string): Promise<void> {
  // The id goes into the path: anything but Graph's digits would address another object.
  if (!/^\d+$/.test(pageId)) throw refused("the Page id is not a Graph id", 100);
  const page = await request({ method: "GET", path: pageId, accessToken, query: { fields: "access_token" }, schema: pageTokenBody });
  if (!page.access_token) throw refused("Facebook gave no Page access token: the login has no role on the Page or lacks the pages permissions", 200);
  await postSubscription(request, `${pageId}/subscribed_apps`, page.access_token, { subscribed_fields: "leadgen" });
}

/** `POST /act_…/subscribed_apps` with our app id, with the user token (`ads_management`). */
export async function subscribeGraphAdAccount(request: GraphRequestFn, appId: string, ctx: AdAccountContext): Promise<void> {
  if (!/^act_\d+$/.test(ctx.adAccountId)) throw refused("the ad account id is not a Graph id", 100);
  await postSubscription(request, `${ctx.adAccountId}/subscribed_apps`, ctx.accessToken, { app_id: appId });
}
