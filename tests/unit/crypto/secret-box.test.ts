import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { loadKeyring, MissingKeyError, type Keyring } from "@/server/crypto/keys";
import { decryptSecret, DecryptError, encryptSecret } from "@/server/crypto/secret-box";
import { signPayload, verifySignedPayload } from "@/server/crypto/signed-token";

const keyring = (id = "k1", key = randomBytes(32)): Keyring => ({ currentId: id, keys: { [id]: key } });
const flip = (b64: string) => {
  const bytes = Buffer.from(b64, "base64");
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString("base64");
};

describe("encryptSecret / decryptSecret (AES-256-GCM)", () => {
  it("round-trips and records the key id, with a fresh IV each time", () => {
    const ring = keyring("2026-01");
    const a = encryptSecret("EAAB-token", ring, "ctx");
    const b = encryptSecret("EAAB-token", ring, "ctx");
    expect(a.keyId).toBe("2026-01");
    expect(a.ciphertext).not.toContain("EAAB");
    expect(a.iv).not.toBe(b.iv);
    expect(decryptSecret(a, ring, "ctx")).toBe("EAAB-token");
  });

  it.each(["ciphertext", "tag", "iv"] as const)("detects a tampered %s", (part) => {
    const ring = keyring();
    const box = encryptSecret("EAAB-token", ring, "ctx");
    expect(() => decryptSecret({ ...box, [part]: flip(box[part]) }, ring, "ctx")).toThrow(DecryptError);
  });

  it("refuses a ciphertext moved to another owner (different context)", () => {
    const ring = keyring();
    const box = encryptSecret("EAAB-token", ring, "facebook-token:org-a:user-a");
    expect(() => decryptSecret(box, ring, "facebook-token:org-b:user-b")).toThrow(/failed authentication/);
  });

  it("names an unknown key id and still reads old ids after a rotation", () => {
    const old = keyring("k1");
    const box = encryptSecret("EAAB-token", old);
    expect(() => decryptSecret(box, keyring("k2"))).toThrow(/key "k1", which is not configured/);
    const rotated: Keyring = { currentId: "k2", keys: { k1: old.keys.k1!, k2: randomBytes(32) } };
    expect(decryptSecret(box, rotated)).toBe("EAAB-token");
    expect(encryptSecret("new", rotated).keyId).toBe("k2");
  });
});

describe("loadKeyring", () => {
  it("uses ENCRYPTION_KEY under ENCRYPTION_KEY_ID", () => {
    const key = randomBytes(32).toString("base64");
    const ring = loadKeyring(parseEnv({ ENCRYPTION_KEY: key, ENCRYPTION_KEY_ID: "prod-3" }));
    expect(ring.currentId).toBe("prod-3");
    expect(ring.keys["prod-3"]!.toString("base64")).toBe(key);
  });

  it("refuses to run without a key in production", () => {
    const env = parseEnv({ NODE_ENV: "production", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey", BETTER_AUTH_SECRET: "s".repeat(32) });
    expect(() => loadKeyring(env)).toThrow(MissingKeyError);
  });

  it("gives tests a stable ephemeral key instead of writing to DATA_DIR", () => {
    const env = parseEnv({ NODE_ENV: "test", DATA_DIR: "/nonexistent/never-written" });
    expect(loadKeyring(env).keys["local-dev"]).toEqual(loadKeyring(env).keys["local-dev"]);
  });
});

describe("signed payloads", () => {
  const secret = randomBytes(32);
  it("verifies its own signature and rejects a changed payload or another secret", () => {
    const token = signPayload({ u: "user-1" }, secret);
    expect(verifySignedPayload(token, secret)).toEqual({ u: "user-1" });
    const [, sig] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ u: "user-2" })).toString("base64url")}.${sig}`;
    expect(verifySignedPayload(forged, secret)).toBeNull();
    expect(verifySignedPayload(token, randomBytes(32))).toBeNull();
    expect(verifySignedPayload("garbage", secret)).toBeNull();
  });
});
