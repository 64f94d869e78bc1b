import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "sha256=";

/** The `X-Hub-Signature-256` value Facebook sends: HMAC-SHA256 of the raw body bytes with the app secret. */
export function signWebhookBody(body: string | Uint8Array, appSecret: string): string {
  return PREFIX + createHmac("sha256", appSecret).update(body).digest("hex");
}

/**
 * True only when `header` is exactly Facebook's signature of these bytes. Checked over the bytes as
 * received (a re-serialised JSON body would not match), compared in constant time, before any parsing.
 */
export function verifyWebhookSignature(raw: Uint8Array, header: string | null | undefined, appSecret: string): boolean {
  if (!header || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length);
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const expected = createHmac("sha256", appSecret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}
