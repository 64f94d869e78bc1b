import type { NextResponse } from "next/server";
import { env } from "@/env";
import { forbidden } from "./responses";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard for every state-changing route: a browser always sends
 * `Origin` on POST/PUT/PATCH/DELETE, and `Sec-Fetch-Site` when it supports fetch metadata, so a
 * request another site makes the browser send is refused before the session cookie is looked at.
 * Same origin means APP_URL or the request's own origin (a dev server reached as 127.0.0.1).
 * Requests with neither header come from non-browser clients, which carry no ambient cookie risk.
 */
export function refuseCrossSite(req: Request, appUrl: string = env().APP_URL): NextResponse | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return forbidden(`Cross-site request refused (Sec-Fetch-Site: ${site.slice(0, 20)})`);
  }
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  const allowed = new Set([new URL(appUrl).origin, new URL(req.url).origin]);
  if (!allowed.has(origin)) return forbidden("Cross-site request refused: this action can only be taken from the app itself");
  return null;
}

/** Wraps a handler we do not write ourselves (the Inngest serve handler) with the same guard. */
export function sameOriginOnly<R extends Request, A extends unknown[]>(
  handler: (req: R, ...rest: A) => Promise<Response> | Response,
): (req: R, ...rest: A) => Promise<Response> | Response {
  return (req, ...rest) => refuseCrossSite(req) ?? handler(req, ...rest);
}
