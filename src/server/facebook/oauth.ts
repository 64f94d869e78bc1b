import type { Env } from "@/env";
import type { Db } from "@/server/db";
import { simulatedAdAccountsFor } from "@/server/services/facebook/simulated";
import { GraphApiError, type AdPlatform } from "@/server/services/facebook/types";
import { savePendingConnection, type FacebookConnection } from "./connections";
import type { Keyring } from "@/server/crypto/keys";

/**
 * What the login is asked for. Beyond managing ads: `pages_show_list` and `pages_manage_metadata` let
 * the agency read the Page's token and subscribe the Page to lead webhooks, `leads_retrieval` lets it
 * read each lead's answers (webhooks-subscribe, webhooks-handle-leadgen).
 */
export const FACEBOOK_SCOPES = [
  "ads_management",
  "ads_read",
  "business_management",
  "pages_read_engagement",
  "pages_show_list",
  "pages_manage_metadata",
  "leads_retrieval",
];

/** Must be byte-identical in the dialog and in the code exchange, so it is built in one place. */
export function facebookCallbackUrl(env: Pick<Env, "APP_URL">): string {
  return new URL("/api/auth/facebook/callback", env.APP_URL).toString();
}

/** Where the browser goes back to: the project chat that started the flow, else the dashboard. */
export function returnPath(projectId: string | null | undefined, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `${projectId ? `/projects/${encodeURIComponent(projectId)}` : "/dashboard"}?${query}`;
}

export type ConnectResult =
  | { ok: true; connection: FacebookConnection }
  | { ok: false; message: string };

/**
 * Code → short-lived token → long-lived token → ad accounts (+ the first Page for ad creatives),
 * stored encrypted as a PENDING connection until the user picks an ad account. Graph's refusals
 * come back as a message for the user, never as a thrown 500.
 */
export async function connectFacebookAccount(
  deps: { db: Db; facebook: AdPlatform; env: Pick<Env, "APP_URL">; keyring?: Keyring },
  opts: { organizationId: string; userId: string; projectId: string | null; code: string },
): Promise<ConnectResult> {
  const { facebook } = deps;
  try {
    const short = await facebook.exchangeCode({ code: opts.code, redirectUri: facebookCallbackUrl(deps.env) });
    const token = await facebook.extendToken(short.accessToken);
    const [listed, pages] = await Promise.all([facebook.listAdAccounts(token.accessToken), facebook.listPages(token.accessToken)]);
    // One simulated login serves every organization: each gets account ids of its own.
    const accounts = facebook.kind === "simulated" ? simulatedAdAccountsFor(opts.organizationId, listed) : listed;
    if (accounts.length === 0) {
      return { ok: false, message: "This Facebook login has no ad accounts. Create one in Meta Business Suite, then connect again." };
    }
    const connection = await savePendingConnection(deps.db, {
      organizationId: opts.organizationId,
      userId: opts.userId,
      projectId: opts.projectId,
      token,
      adAccounts: accounts.map((a) => ({ id: a.id, name: a.name, currency: a.currency, accountStatus: a.accountStatus, timezoneName: a.timezoneName })),
      pageId: pages[0]?.id ?? null,
      simulated: facebook.kind === "simulated",
      keyring: deps.keyring,
    });
    return { ok: true, connection };
  } catch (error) {
    if (error instanceof GraphApiError) {
      const detail = error.details.userMessage ?? error.message;
      return { ok: false, message: `Facebook refused the connection: ${detail}` };
    }
    throw error;
  }
}
