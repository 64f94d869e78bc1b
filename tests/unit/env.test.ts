import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/env";

/** Runs parseEnv and returns the EnvError it throws (failing the test if it does not throw). */
function envErrorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("names DATABASE_URL when it is not a postgres URL", () => {
    const error = envErrorOf({ DATABASE_URL: "mysql://root@localhost/db" });
    expect(error.variables).toEqual(["DATABASE_URL"]);
    expect(error.message).toContain("DATABASE_URL");
  });

  it("names the missing half of a Supabase configuration", () => {
    expect(envErrorOf({ SUPABASE_URL: "https://x.supabase.co" }).variables).toEqual(["SUPABASE_SERVICE_ROLE_KEY"]);
    expect(envErrorOf({ SUPABASE_SERVICE_ROLE_KEY: "service-role" }).variables).toEqual(["SUPABASE_URL"]);
  });

  it("names INNGEST_SIGNING_KEY in production when it is missing", () => {
    const error = envErrorOf({
      NODE_ENV: "production",
      INNGEST_EVENT_KEY: "evt",
      BETTER_AUTH_SECRET: "s".repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(error.variables).toEqual(["INNGEST_SIGNING_KEY"]);
    expect(error.message).toContain("INNGEST_SIGNING_KEY is required in production");
  });

  it("accepts production when the engine and auth secrets are present", () => {
    const parsed = parseEnv({
      NODE_ENV: "production",
      INNGEST_EVENT_KEY: "evt",
      INNGEST_SIGNING_KEY: "signkey-prod-abc",
      BETTER_AUTH_SECRET: "s".repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(parsed.NODE_ENV).toBe("production");
  });

  it("treats empty strings as unset", () => {
    const parsed = parseEnv({ DATABASE_URL: "", ANTHROPIC_API_KEY: "", SUPABASE_URL: "", RESEND_API_KEY: "" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.ANTHROPIC_API_KEY).toBeUndefined();
    expect(parsed.SUPABASE_URL).toBeUndefined();
    expect(parsed.RESEND_API_KEY).toBeUndefined();
  });

  it("an empty string does not count as half a pair either", () => {
    const error = envErrorOf({ SUPABASE_URL: "https://x.supabase.co", SUPABASE_SERVICE_ROLE_KEY: "" });
    expect(error.variables).toEqual(["SUPABASE_SERVICE_ROLE_KEY"]);
  });

  it("gives embedded defaults when nothing is set", () => {
    const parsed = parseEnv({});
    expect(parsed).toMatchObject({
      NODE_ENV: "development",
      APP_URL: "http://localhost:3000",
      DATA_DIR: ".data",
      SUPABASE_BUCKET: "artifacts",
    });
    for (const key of [
      "DATABASE_URL",
      "BETTER_AUTH_SECRET",
      "INNGEST_SIGNING_KEY",
      "ANTHROPIC_API_KEY",
      "SUPABASE_URL",
      "DAYTONA_API_KEY",
      "RESEND_API_KEY",
      "FACEBOOK_APP_ID",
    ] as const) {
      expect(parsed[key], key).toBeUndefined();
    }
  });

  it("names every invalid variable at once", () => {
    const error = envErrorOf({ APP_URL: "not a url", RESEND_API_KEY: "sk_wrong", BETTER_AUTH_SECRET: "short" });
    expect(error.variables.sort()).toEqual(["APP_URL", "BETTER_AUTH_SECRET", "RESEND_API_KEY"]);
  });
});
