import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { getDeps } from "@/server/deps";
import { badRequest, forbidden, parseJsonBody, parseQuery, readBytesCapped, refuseCrossSite } from "@/server/http";
import { EMAIL_PREFERENCE_LEVELS, type EmailPreferenceLevel } from "@/server/notifications/email-levels";
import { changeLevelByToken, ONE_CLICK_LEVEL } from "@/server/notifications/unsubscribe";

// A one-click body is one short field; the JSON path keeps the usual cap.
const MAX_FORM_BYTES = 4 * 1024;
const token = z.string().min(1).max(2_000);
const pageBody = z.object({ token, level: z.enum(EMAIL_PREFERENCE_LEVELS) }).strict();
const oneClickQuery = z.object({ token });

/**
 * Changes the email level of the user a signed unsubscribe token names; no session. Two callers:
 * the /unsubscribe page (JSON `{token, level}`, same origin), and a mail client's RFC 8058 one-click
 * POST (form body `List-Unsubscribe=One-Click`, token in the query → NONE). Mail clients post from
 * their servers without Origin or Sec-Fetch-Site, which `refuseCrossSite` lets through as a
 * non-browser client; a browser on another site is still refused. A bad token changes nothing.
 */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const request = await readRequest(req);
  if (!request.ok) return request.response;
  const { db } = await getDeps();
  const outcome = await changeLevelByToken(db, { ...request.data, env: env() });
  if (outcome.ok) return NextResponse.json({ level: outcome.level });
  return outcome.reason === "invalid"
    ? forbidden("This unsubscribe link is not valid: use the link from one of our emails, or change it in the app's notification settings.")
    : NextResponse.json({ error: "This unsubscribe link belongs to an account that no longer exists." }, { status: 404 });
}

type ReadRequest = { ok: true; data: { token: string; level: EmailPreferenceLevel } } | { ok: false; response: NextResponse };

async function readRequest(req: Request): Promise<ReadRequest> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return parseJsonBody(req, pageBody);
  const query = parseQuery(req, oneClickQuery);
  if (!query.ok) return query;
  const bytes = await readBytesCapped(req, MAX_FORM_BYTES);
  if (!bytes.ok) return { ok: false, response: NextResponse.json({ error: `Body is larger than ${bytes.maxBytes} bytes` }, { status: 413 }) };
  const form = await new Response(new Uint8Array(bytes.bytes), { headers: { "content-type": type } }).formData().catch(() => null);
  if (form?.get("List-Unsubscribe") !== "One-Click") {
    return { ok: false, response: badRequest([{ field: "List-Unsubscribe", message: "must be One-Click" }]) };
  }
  return { ok: true, data: { token: query.data.token, level: ONE_CLICK_LEVEL } };
}
