import { badRequest, findControlCharacter, jsonError, readBodyCapped, refuseCrossSite } from "@/server/http";

const AUTH_MAX_BODY_BYTES = 16 * 1024;

/**
 * What our own routes check, applied in front of better-auth: same origin for state changes (on top
 * of its own trustedOrigins check), a body capped while streaming, and no control characters (a
 * NUL in a name would otherwise reach Postgres). Returns the request to hand on, rebuilt from the
 * text already read, or the response to send instead.
 */
export async function guardAuthRequest(req: Request): Promise<Request | Response> {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  if (req.method === "GET" || req.method === "HEAD") return req;
  const body = await readBodyCapped(req, AUTH_MAX_BODY_BYTES);
  if (!body.ok) return jsonError(413, `Body is larger than ${body.maxBytes} bytes`);
  const bad = controlCharacterIn(body.text);
  if (bad !== null) return badRequest([{ field: bad || "(body)", message: "contains a control character" }]);
  return new Request(req.url, { method: req.method, headers: req.headers, body: body.text, signal: req.signal });
}

function controlCharacterIn(text: string): string | null {
  try {
    return findControlCharacter(JSON.parse(text));
  } catch {
    return findControlCharacter(text); // not JSON: better-auth answers that itself
  }
}
