import type { ClientSubscriptionToken } from "inngest/react";

/**
 * Fetches a scoped realtime subscription token from one of the app's token routes. Accepts the
 * token itself or `{ token }`, and throws with the route's message so useRealtime reports an error
 * (and retries) instead of subscribing with nothing.
 */
export async function fetchRealtimeToken(url: string): Promise<ClientSubscriptionToken> {
  const res = await fetch(url, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as Partial<ClientSubscriptionToken> & {
    token?: ClientSubscriptionToken | string;
    error?: string;
  };
  if (!res.ok) throw new Error(body.error ?? `Token request failed (HTTP ${res.status})`);
  if (typeof body.token === "string") return { key: body.token };
  if (body.token) return body.token;
  if (typeof body.key === "string") return { key: body.key, apiBaseUrl: body.apiBaseUrl };
  throw new Error("The token route answered without a token");
}
