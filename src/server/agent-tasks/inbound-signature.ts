import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a delivery's timestamp may be from our clock: older is a replay, newer a skewed sender. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;
export const SIGNATURE_HEADER = "x-aigency-signature";

const digest = (secret: string, timestamp: number, raw: Uint8Array | string) =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(raw).digest();

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${rawBody}">`: what a sender puts in x-aigency-signature. */
export function signInbound(raw: Uint8Array | string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${digest(secret, timestamp, raw).toString("hex")}`;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

/**
 * Checks the header against each secret in turn (the current one, and the previous during its grace
 * period), over the raw bytes as received, in constant time. The timestamp is inside the signed text,
 * so a captured delivery cannot be re-sent later with a fresh one.
 */
export function verifyInbound(raw: Uint8Array, header: string | null, secrets: string[], now: Date): SignatureVerdict {
  if (!header) return { ok: false, reason: "missing" };
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]));
  const t = parts.get("t");
  const v1 = parts.get("v1");
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) return { ok: false, reason: "malformed" };
  const timestamp = Number(t);
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const given = Buffer.from(v1, "hex");
  const matches = secrets.some((secret) => timingSafeEqual(digest(secret, timestamp, raw), given));
  return matches ? { ok: true } : { ok: false, reason: "mismatch" };
}
