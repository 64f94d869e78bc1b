import { hkdfSync } from "node:crypto";
import { z } from "zod";
import type { Env } from "@/env";
import { loadSigningSecret } from "@/server/crypto/keys";
import { signPayload, verifySignedPayload } from "@/server/crypto/signed-token";

const PURPOSE = "unsubscribe";
const payload = z.object({ u: z.string().min(1), p: z.literal(PURPOSE), v: z.literal(1) });

/**
 * The key for unsubscribe links, derived from the app's signing secret under its own HKDF label: a
 * token signed for another purpose (OAuth state) never verifies here, and this one nowhere else.
 */
export function unsubscribeSecret(env: Env): Buffer {
  return Buffer.from(hkdfSync("sha256", loadSigningSecret(env), "aigency", "unsubscribe-links/v1", 32));
}

/**
 * A link token naming the user. It does not expire: a footer link must work in an email read months
 * later (RFC 8058 asks the same of one-click links), and all it can do is send that user less email.
 */
export function issueUnsubscribeToken(userId: string, secret: Buffer): string {
  return signPayload({ u: userId, p: PURPOSE, v: 1 }, secret);
}

/** The user id when the token is ours and for this purpose, else null. */
export function readUnsubscribeToken(token: string, secret: Buffer): string | null {
  const parsed = payload.safeParse(verifySignedPayload(token, secret));
  return parsed.success ? parsed.data.u : null;
}

/** The footer link (a page that asks before changing anything) and the one-click POST target. */
export function unsubscribeUrls(opts: { appUrl: string; token: string }) {
  const q = `token=${encodeURIComponent(opts.token)}`;
  return {
    page: new URL(`/unsubscribe?${q}`, opts.appUrl).toString(),
    oneClick: new URL(`/api/notifications/unsubscribe?${q}`, opts.appUrl).toString(),
  };
}
