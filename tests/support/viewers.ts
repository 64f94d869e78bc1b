import { authFor } from "@/server/auth/auth";
import type { Db } from "@/server/db";

export interface TestUser {
  userId: string;
  email: string;
  /** A `cookie` header value carrying the session, for Request objects sent to route handlers. */
  cookie: string;
}

/** Turns Set-Cookie response headers into the Cookie header a browser would send back. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Signs a user up through better-auth on `db` (creating their organization) and returns their session cookie. */
export async function signUpTestUser(db: Db, opts: { name: string; email?: string; password?: string }): Promise<TestUser> {
  const email = opts.email ?? `${opts.name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const { headers, response } = await authFor(db).api.signUpEmail({
    body: { name: opts.name, email, password: opts.password ?? "correct horse battery" },
    returnHeaders: true,
  });
  return { userId: response.user.id, email, cookie: cookieFrom(headers) };
}

/** A Request as the browser would send it, signed in when `cookie` is given. */
export function jsonRequest(url: string, opts: { method?: string; cookie?: string; body?: unknown } = {}): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  return new Request(new URL(url, "http://localhost:3000"), { method: opts.method ?? "GET", headers, body });
}
