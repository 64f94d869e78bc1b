import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db/client";
import { createStorage, describeStorage } from "@/server/services/storage";
import { InvalidStoragePathError, normalizeStoragePath } from "@/server/services/storage/paths";
import {
  buildSignedStorageUrl,
  deriveSigningSecret,
  signStoragePath,
  verifyStorageSignature,
} from "@/server/services/storage/signing";

const secret = "s".repeat(40);

function signed(path: string, expiresAt: number) {
  const url = new URL(buildSignedStorageUrl({ baseUrl: "http://localhost:3000", path, expiresAt, secret }));
  return { url, exp: url.searchParams.get("exp"), sig: url.searchParams.get("sig") };
}

describe("signed storage links", () => {
  it("builds /api/storage/<encoded path>?exp&sig that verifies until it expires", () => {
    const { url, exp, sig } = signed("org 1/page.html", 1_000);
    expect(url.pathname).toBe("/api/storage/org%201/page.html");
    expect(exp).toBe("1000");
    expect(sig).toBe(signStoragePath({ path: "org 1/page.html", expiresAt: 1_000, secret }));
    expect(verifyStorageSignature({ path: "org 1/page.html", exp, sig, secret, now: 1_000 })).toEqual({ ok: true });
    expect(verifyStorageSignature({ path: "org 1/page.html", exp, sig, secret, now: 1_001 })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("rejects a link whose path, expiry, signature or key was changed", () => {
    const { exp, sig } = signed("org-1/a.txt", 5_000);
    const check = (over: Partial<Parameters<typeof verifyStorageSignature>[0]>) =>
      verifyStorageSignature({ path: "org-1/a.txt", exp, sig, secret, now: 100, ...over });
    expect(check({ path: "org-2/a.txt" })).toEqual({ ok: false, reason: "invalid" });
    expect(check({ exp: "9999999" })).toEqual({ ok: false, reason: "invalid" });
    expect(check({ sig: sig!.replace(/.$/, (c) => (c === "0" ? "1" : "0")) })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(check({ secret: "t".repeat(40) })).toEqual({ ok: false, reason: "invalid" });
    expect(check({ sig: null })).toEqual({ ok: false, reason: "invalid" });
    expect(check({ exp: "12abc" })).toEqual({ ok: false, reason: "invalid" });
    expect(check({ sig: "abc" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("never reports 'expired' for a forged link", () => {
    expect(verifyStorageSignature({ path: "a", exp: "1", sig: "0".repeat(64), secret, now: 999 })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("derives a stable storage key from the auth secret that differs from it", () => {
    const derived = deriveSigningSecret("x".repeat(32));
    expect(derived).toBe(deriveSigningSecret("x".repeat(32)));
    expect(derived).not.toContain("x".repeat(32));
    expect(derived).not.toBe(deriveSigningSecret("y".repeat(32)));
  });
});

describe("normalizeStoragePath", () => {
  it("accepts relative keys", () => {
    expect(normalizeStoragePath("org-1/artifacts/page.html")).toBe("org-1/artifacts/page.html");
  });

  it.each(["", "../x", "a/../../b", "/etc/passwd", "a//b", "a/./b", "a\\b", "a/b/", "a\u0000b"])(
    "rejects %j",
    (input) => {
      expect(() => normalizeStoragePath(input)).toThrow(InvalidStoragePathError);
    },
  );
});

describe("createStorage / describeStorage", () => {
  const db = {} as Db;
  it("chooses Supabase only when it is configured and names the signing key's source", () => {
    expect(createStorage({ env: parseEnv({}), db }).kind).toBe("local");
    const supabase = parseEnv({ SUPABASE_URL: "https://abc.supabase.co", SUPABASE_SERVICE_ROLE_KEY: "k" });
    expect(createStorage({ env: supabase, db }).kind).toBe("supabase");
    expect(describeStorage(supabase).detail).toBe('private bucket "artifacts"');
    expect(describeStorage(parseEnv({ APP_SIGNING_SECRET: "a".repeat(32) })).detail).toContain("APP_SIGNING_SECRET");
    expect(describeStorage(parseEnv({ BETTER_AUTH_SECRET: "b".repeat(32) })).detail).toContain(
      "derived from BETTER_AUTH_SECRET",
    );
  });
});
