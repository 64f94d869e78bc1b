import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { badRequest, forbidden, parseQuery } from "@/server/http";

const query = z.object({
  "hub.mode": z.string().max(64).optional(),
  "hub.verify_token": z.string().max(1024).optional(),
  "hub.challenge": z.string().max(1024).optional(),
});

// Facebook's challenge is a number; anything shaped otherwise is not echoed (it would be reflected content).
const SAFE_CHALLENGE = /^[A-Za-z0-9._~-]{1,256}$/;

/** Constant time whatever the lengths: both sides are hashed first, so only equal-length digests are compared. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Facebook's subscription check (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`):
 * the challenge back as plain text when the token is ours; 403 otherwise, also when no token is
 * configured (then nobody can subscribe). The token is checked before the challenge is looked at.
 */
export function answerHandshake(req: Request, verifyToken: string | undefined): Response {
  const parsed = parseQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const { "hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge } = parsed.data;
  if (!verifyToken) return forbidden("Webhook subscriptions are not enabled: FACEBOOK_WEBHOOK_VERIFY_TOKEN is not set");
  if (mode !== "subscribe" || token === undefined || !sameToken(token, verifyToken)) {
    return forbidden("hub.verify_token does not match, or hub.mode is not subscribe");
  }
  if (challenge === undefined) return badRequest([{ field: "hub.challenge", message: "is required" }]);
  if (!SAFE_CHALLENGE.test(challenge)) return badRequest([{ field: "hub.challenge", message: "must be letters, digits, '.', '_', '~' or '-'" }]);
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
