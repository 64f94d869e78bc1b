import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { isMailboxEnabled } from "@/server/mail/mailbox";

describe("simulated mailbox gate", () => {
  it("is open in development while the outbox is the transport", () => {
    expect(isMailboxEnabled(parseEnv({}))).toBe(true);
  });

  it("is closed when Resend delivers real mail", () => {
    expect(isMailboxEnabled(parseEnv({ RESEND_API_KEY: "re_live_key" }))).toBe(false);
  });

  it("is closed in production unless the e2e harness turned test controls on", () => {
    const prod = { NODE_ENV: "production", INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey", BETTER_AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    expect(isMailboxEnabled(parseEnv(prod))).toBe(false);
    expect(isMailboxEnabled(parseEnv({ ...prod, AIGENCY_TEST_CONTROLS: "1" }))).toBe(true);
  });
});
