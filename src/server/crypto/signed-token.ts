import { createHmac, timingSafeEqual } from "node:crypto";

/** `base64url(json).base64url(hmac-sha256)`: tamper-evident, not secret (never put secrets in it). */
export function signPayload(payload: object, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(body, secret)}`;
}

/** The payload when the signature is ours, else null. Constant-time comparison. */
export function verifySignedPayload(token: string, secret: Buffer): unknown {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

function mac(body: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}
