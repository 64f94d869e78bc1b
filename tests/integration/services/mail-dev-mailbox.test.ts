import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/dev/mailbox/route";
import { resetEnv } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { sendEmail } from "@/server/mail/send-email";
import { createOutboxTransport } from "@/server/services/mail/outbox-transport";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedMember, type Member } from "../onboarding/support";

let handle: DbHandle;
let ana: Member;
let bo: Member;
const mail = createOutboxTransport();

async function get(query = "", cookie?: string) {
  const headers = cookie ? { cookie } : undefined;
  const res = await GET(new Request(`http://localhost:3000/api/dev/mailbox${query}`, { headers }));
  return {
    status: res.status,
    body: (await res.json()) as { emails?: { to: string; subject: string }[]; error?: string },
  };
}

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  ana = await seedMember(handle.db, "Ana");
  bo = await seedMember(handle.db, "Bo");
  const deps = { db: handle.db, services: { mail }, mailFrom: "a@aigency.test" };
  await sendEmail(deps, {
    template: "token-expiring",
    props: { reconnectUrl: "http://x" },
    to: "first@example.com",
    idempotencyKey: "m/1",
    organizationId: ana.organizationId,
  });
  await sendEmail(deps, {
    template: "campaign-live",
    props: { projectName: "P", campaignName: "Second", campaignUrl: "http://x" },
    to: "second@example.com",
    idempotencyKey: "m/2",
    organizationId: ana.organizationId,
  });
  await sendEmail(deps, {
    template: "campaign-live",
    props: { projectName: "Bo's", campaignName: "Secret", campaignUrl: "http://x" },
    to: "bo-team@example.com",
    idempotencyKey: "m/bo",
    organizationId: bo.organizationId,
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
    organizationId: ana.organizationId,
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
  it("lists the viewer's organization's simulated emails newest first, and nobody else's", async () => {
    const { status, body } = await get("", ana.cookie);
    expect(status).toBe(200);
    expect(body.emails?.map((e) => e.subject)).toEqual(["Second is live", "Reconnect your Facebook account"]);
    const other = await get("", bo.cookie);
    expect(other.body.emails?.map((e) => e.subject)).toEqual(["Secret is live"]);
  });

  it("answers 401 to anyone signed out", async () => {
    const { status, body } = await get();
    expect(status).toBe(401);
    expect(body.emails).toBeUndefined();
  });

  it("filters by recipient, within the organization only", async () => {
    const { body } = await get("?to=first@example.com", ana.cookie);
    expect(body.emails?.map((e) => e.to)).toEqual(["first@example.com"]);
    expect((await get("?to=bo-team@example.com", ana.cookie)).body.emails).toEqual([]);
  });

  it("answers 400 naming the field for a bad filter, a NUL included (it used to reach Postgres: 500)", async () => {
    const short = await get("?to=x", ana.cookie);
    expect(short.status).toBe(400);
    expect(short.body.error).toMatch(/^to:/);
    const nul = await get("?to=ab%00cd@example.net", ana.cookie);
    expect(nul.status).toBe(400);
    expect(nul.body.error).toBe("to: contains a control character");
  });

  it("is 404 when Resend is configured", async () => {
    process.env.RESEND_API_KEY = "re_live_key";
    resetEnv();
    expect((await get("", ana.cookie)).status).toBe(404);
  });
});
