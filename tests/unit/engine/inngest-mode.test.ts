import { describe, expect, it } from "vitest";
import { resolveInngestMode } from "@/inngest/client";
import { EnvError, parseEnv } from "@/env";

describe("Inngest mode", () => {
  it("uses the Dev Server when INNGEST_DEV is set to a truthy value or a URL", () => {
    expect(resolveInngestMode({ NODE_ENV: "production", INNGEST_DEV: "1" })).toBe("dev");
    expect(resolveInngestMode({ NODE_ENV: "development", INNGEST_DEV: "http://127.0.0.1:8288" })).toBe("dev");
  });

  it("treats INNGEST_DEV=0/false as an explicit request for cloud mode", () => {
    expect(resolveInngestMode({ NODE_ENV: "development", INNGEST_DEV: "0" })).toBe("cloud");
    expect(resolveInngestMode({ NODE_ENV: "development", INNGEST_DEV: "false" })).toBe("cloud");
  });

  it("falls back to dev outside production only while no signing key is configured", () => {
    expect(resolveInngestMode({ NODE_ENV: "development" })).toBe("dev");
    expect(resolveInngestMode({ NODE_ENV: "test" })).toBe("dev");
    expect(resolveInngestMode({ NODE_ENV: "development", INNGEST_SIGNING_KEY: "signkey-prod-abc" })).toBe("cloud");
    expect(resolveInngestMode({ NODE_ENV: "production" })).toBe("cloud");
  });

  it("refuses to start in production without the Inngest keys, naming each one", () => {
    const attempt = () => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(32) });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      expect((error as EnvError).variables).toEqual(expect.arrayContaining(["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"]));
      expect((error as Error).message).toMatch(/INNGEST_SIGNING_KEY is required in production/);
    }
  });
});

describe("production build", () => {
  it("does not demand runtime secrets while Next builds, only when the server starts", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/INNGEST_EVENT_KEY/);
  });
});
