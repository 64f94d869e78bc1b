import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/env";

const production = {
  NODE_ENV: "production",
  INNGEST_EVENT_KEY: "evt",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
  BETTER_AUTH_SECRET: "s".repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function refusal(source: Record<string, string>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected the environment to be refused");
}

describe("INNGEST_DEV in production", () => {
  it.each(["1", "true", "http://localhost:8288"])("refuses to start with INNGEST_DEV=%s, naming it", (value) => {
    const error = refusal({ ...production, INNGEST_DEV: value });
    expect(error.variables).toContain("INNGEST_DEV");
    expect(error.message).toMatch(/INNGEST_DEV must not be set in production: it turns off Inngest request signing/);
  });

  it("still starts when it is off, and while Next is building", () => {
    expect(parseEnv({ ...production, INNGEST_DEV: "0" }).NODE_ENV).toBe("production");
    expect(parseEnv({ ...production, INNGEST_DEV: "1", NEXT_PHASE: "phase-production-build" }).NODE_ENV).toBe("production");
  });

  it("is allowed for the e2e harness (a production build against the Dev Server, test controls on)", () => {
    expect(parseEnv({ NODE_ENV: "production", INNGEST_DEV: "http://127.0.0.1:8288", AIGENCY_TEST_CONTROLS: "1", ENCRYPTION_KEY: production.ENCRYPTION_KEY }).INNGEST_DEV).toBe("http://127.0.0.1:8288");
  });

  it("is fine in development", () => {
    expect(parseEnv({ NODE_ENV: "development", INNGEST_DEV: "1" }).INNGEST_DEV).toBe("1");
  });
});
