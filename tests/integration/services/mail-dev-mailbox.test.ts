import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/dev/mailbox/route";
import { resetEnv } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { setDeps, type Deps } from "@/server/deps";
import { sendEmail } from "@/server/mail/send-email";
import { createOutboxTransport } from "@/server/services/mail/outbox-transport";
import { createTestDb } from "../../support/db";

let handle: DbHandle;
const mail = createOutboxTransport();

async function get(query = "") {
  const res = await GET(new Request(`http://localhost:3000/api/dev/mailbox${query}`));
  return {
    status: res.status,
    body: (await res.json()) as { emails?: { to: string; subject: string }[]; error?: string },
  };
}

beforeAll(async () => {
  handle = await createTestDb();
  // Only the db and the mail transport are used by this route.
  setDeps({ db: handle.db, services: { mail } } as unknown as Deps);
  const deps = { db: handle.db, services: { mail }, mailFrom: "a@aigency.test" };
  await sendEmail(deps, {
    template: "token-expiring",
    props: { reconnectUrl: "http://x" },
    to: "first@example.com",
    idempotencyKey: "m/1",
  });
  await sendEmail(deps, {
    template: "campaign-live",
    props: { projectName: "P", campaignName: "Second", campaignUrl: "http://x" },
    to: "second@example.com",
    idempotencyKey: "m/2",
  });
  // A Resend-delivered email is a delivery log entry, not part of the simulated mailbox.
  await handle.db.insert(emailOutbox).values({
    idempotencyKey: "m/real",
    provider: "resend",
    template: "campaign-live",
    from: "a",
    to: "second@example.com",
    subject: "Real",
    html: "<p/>",
    text: "",
    status: "SENT",
  });
});
beforeEach(() => {
  delete process.env.RESEND_API_KEY;
  resetEnv();
});
afterAll(async () => {
  setDeps();
  await handle.close();
});

describe("GET /api/dev/mailbox", () => {
  it("lists simulated emails newest first", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body.emails?.map((e) => e.subject)).toEqual(["Second is live", "Reconnect your Facebook account"]);
  });

  it("filters by recipient", async () => {
    const { body } = await get("?to=first@example.com");
    expect(body.emails?.map((e) => e.to)).toEqual(["first@example.com"]);
  });

  it("answers 400 naming the field for a bad filter", async () => {
    const { status, body } = await get("?to=x");
    expect(status).toBe(400);
    expect(body.error).toMatch(/^to:/);
  });

  it("is 404 when Resend is configured", async () => {
    process.env.RESEND_API_KEY = "re_live_key";
    resetEnv();
    expect((await get()).status).toBe(404);
  });
});
