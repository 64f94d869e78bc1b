import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed download links for the local store: `/api/storage/<path>?exp=<unix>&sig=<hex>`, where
 * sig = HMAC-SHA256(secret, "<path>\n<exp>"). Pure so the route and the store agree by
 * construction and both can be tested without a filesystem.
 */
export type SignatureCheck = { ok: true } | { ok: false; reason: "expired" | "invalid" };

export function signStoragePath(input: { path: string; expiresAt: number; secret: string }): string {
  return createHmac("sha256", input.secret).update(`${input.path}\n${input.expiresAt}`).digest("hex");
}

export function buildSignedStorageUrl(input: {
  baseUrl: string;
  path: string;
  expiresAt: number;
  secret: string;
}): string {
  const encodedPath = input.path.split("/").map(encodeURIComponent).join("/");
  const url = new URL(`/api/storage/${encodedPath}`, input.baseUrl);
  url.searchParams.set("exp", String(input.expiresAt));
  url.searchParams.set("sig", signStoragePath(input));
  return url.toString();
}

/** `now` is unix seconds. A link is valid up to and including its `exp` second. */
export function verifyStorageSignature(input: {
  path: string;
  exp: string | null;
  sig: string | null;
  secret: string;
  now: number;
}): SignatureCheck {
  if (!input.exp || !/^\d{1,12}$/.test(input.exp)) return { ok: false, reason: "invalid" };
  if (!input.sig || !/^[0-9a-f]{64}$/.test(input.sig)) return { ok: false, reason: "invalid" };
  const expiresAt = Number(input.exp);
  const expected = Buffer.from(signStoragePath({ path: input.path, expiresAt, secret: input.secret }), "hex");
  // Check the signature before the expiry so a forged link never learns whether its time was right.
  if (!timingSafeEqual(expected, Buffer.from(input.sig, "hex"))) return { ok: false, reason: "invalid" };
  if (expiresAt < input.now) return { ok: false, reason: "expired" };
  return { ok: true };
}

/** A storage-only key derived from the auth secret, so a leaked link key never signs sessions. */
export function deriveSigningSecret(authSecret: string): string {
  return createHmac("sha256", authSecret).update("aigency/storage-links/v1").digest("hex");
}
