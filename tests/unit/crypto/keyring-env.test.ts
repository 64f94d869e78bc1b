import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/env";

const key = () => randomBytes(32).toString("base64");
const production = {
  NODE_ENV: "production",
  INNGEST_EVENT_KEY: "evt",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
  BETTER_AUTH_SECRET: "s".repeat(32),
};

function variablesRefused(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.variables;
    throw error;
  }
}

describe("encryption keys in the environment", () => {
  it("refuses to start in production without ENCRYPTION_KEY, naming it", () => {
    expect(variablesRefused(production)).toEqual(["ENCRYPTION_KEY"]);
    expect(variablesRefused({ ...production, ENCRYPTION_KEY: key() })).toEqual([]);
  });

  it("does not ask for the key while Next builds", () => {
    expect(variablesRefused({ ...production, NEXT_PHASE: "phase-production-build" })).toEqual([]);
  });

  it("accepts retired keys as id:base64 pairs and names a malformed list", () => {
    expect(parseEnv({ ENCRYPTION_KEYS: `k1:${key()},k2:${key()}` }).ENCRYPTION_KEYS).toContain("k2:");
    expect(variablesRefused({ ENCRYPTION_KEYS: `k1:${randomBytes(16).toString("base64")}` })).toEqual(["ENCRYPTION_KEYS"]);
    expect(variablesRefused({ ENCRYPTION_KEYS: key() })).toEqual(["ENCRYPTION_KEYS"]);
    expect(variablesRefused({ ENCRYPTION_KEYS: `k1:${key()},k1:${key()}` })).toEqual(["ENCRYPTION_KEYS"]);
  });
});
