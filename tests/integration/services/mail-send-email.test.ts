import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db/client";
import { emailOutbox, organizations } from "@/server/db/schema";
import { sendEmail } from "@/server/mail/send-email";
import { createOutboxTransport } from "@/server/services/mail/outbox-transport";
import { createResendTransport } from "@/server/services/mail/resend-transport";
import { MailError } from "@/server/services/mail/types";
import { createTestDb } from "../../support/db";
import { createResendMock, RESEND_TEST_KEY, RESEND_TEST_URL } from "../../mocks/resend";

const resendMock = createResendMock();
const server = setupServer(...resendMock.handlers);
const from = "Aigency <agency@aigency.test>";
const props = {
  projectName: "Shoe Shop",
  campaignName: "Spring Sale",
  dailyBudgetCents: 2500,
  currency: "USD",
  approveUrl: "http://localhost:3000/p/1/approve",
};

let handle: DbHandle;
let orgId: string;
let outboxDeps: Parameters<typeof sendEmail>[0];
let resendDeps: Parameters<typeof sendEmail>[0];

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  const [org] = await handle.db.insert(organizations).values({ name: "Acme" }).returning();
  orgId = org!.id;
  outboxDeps = { db: handle.db, services: { mail: createOutboxTransport() }, mailFrom: from };
  resendDeps = {
    db: handle.db,
    services: { mail: createResendTransport({ apiKey: RESEND_TEST_KEY, baseUrl: RESEND_TEST_URL }) },
    mailFrom: from,
  };
});
afterEach(() => resendMock.reset());
afterAll(async () => {
  server.close();
  await handle.close();
});

const rowsFor = (key: string) => handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));

describe("sendEmail with the outbox transport", () => {
  it("renders the template and records a SENT outbox row", async () => {
    const row = await sendEmail(outboxDeps, {
      template: "approval-needed",
      props,
      to: "owner@example.com",
      idempotencyKey: "plan-generated/c1",
      organizationId: orgId,
    });
    expect(row).toMatchObject({
      provider: "outbox",
      status: "SENT",
      template: "approval-needed",
      to: "owner@example.com",
      from,
      subject: "Approve the plan for Spring Sale",
      organizationId: orgId,
      providerMessageId: null,
      error: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.html).toContain("Spring Sale");
    expect(row.html).toContain('href="http://localhost:3000/p/1/approve"');
    expect(row.text).toContain("$25 per day");
    expect(row.text).not.toContain("<");
  });

  it("is a no-op returning the first row when the idempotency key repeats", async () => {
    const first = await sendEmail(outboxDeps, {
      template: "token-expiring",
      props: { reconnectUrl: "http://x/1" },
      to: "a@example.com",
      idempotencyKey: "tok/1",
    });
    const second = await sendEmail(outboxDeps, {
      template: "token-expiring",
      props: { reconnectUrl: "http://x/2" },
      to: "b@example.com",
      idempotencyKey: "tok/1",
    });
    expect(second).toEqual(first);
    expect(await rowsFor("tok/1")).toHaveLength(1);
  });

  it("records one row when two sends with the same key race", async () => {
    const input = {
      template: "campaign-live" as const,
      props: { projectName: "P", campaignName: "C", campaignUrl: "http://x/c" },
      to: "a@example.com",
      idempotencyKey: "live/race",
    };
    const [a, b] = await Promise.all([sendEmail(outboxDeps, input), sendEmail(outboxDeps, input)]);
    expect(a.id).toBe(b.id);
    expect(await rowsFor("live/race")).toHaveLength(1);
  });
});

describe("sendEmail with the Resend transport (real SDK against msw)", () => {
  const deployFailed = {
    template: "deploy-failed" as const,
    props: {
      projectName: "P",
      campaignName: "Launch",
      failedStep: "create-ad-set",
      errorMessage: "Budget too low",
      campaignUrl: "http://x/c",
    },
    to: "owner@example.com",
  };

  it("sends html + text with the Idempotency-Key header and records the provider id", async () => {
    const row = await sendEmail(resendDeps, {
      ...deployFailed,
      idempotencyKey: "deploy-failed/c1",
      organizationId: orgId,
    });
    expect(resendMock.requests).toHaveLength(1);
    const [req] = resendMock.requests;
    expect(req!.headers["idempotency-key"]).toBe("deploy-failed/c1");
    expect(req!.body).toMatchObject({ from, to: ["owner@example.com"], subject: "Launch failed: Launch" });
    expect(String(req!.body.html)).toContain("Budget too low");
    expect(String(req!.body.text)).toContain("create-ad-set");
    expect(row).toMatchObject({ provider: "resend", status: "SENT", providerMessageId: "email-1" });

    await sendEmail(resendDeps, { ...deployFailed, idempotencyKey: "deploy-failed/c1" });
    expect(resendMock.requests).toHaveLength(1);
  });

  it("throws a retryable MailError on 429 and records nothing, so the retry sends", async () => {
    resendMock.failNext({ kind: "api", status: 429, name: "rate_limit_exceeded" });
    const err = await sendEmail(resendDeps, { ...deployFailed, idempotencyKey: "df/429" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ retryable: true, statusCode: 429, name_: "rate_limit_exceeded" });
    expect(await rowsFor("df/429")).toHaveLength(0);

    const row = await sendEmail(resendDeps, { ...deployFailed, idempotencyKey: "df/429" });
    expect(row.status).toBe("SENT");
    expect(resendMock.requests.map((r) => r.headers["idempotency-key"])).toEqual(["df/429", "df/429"]);
  });

  it("throws a retryable MailError on a 500 with a malformed body", async () => {
    resendMock.failNext({ kind: "raw", status: 500, body: "<html>oops" });
    const err = await sendEmail(resendDeps, { ...deployFailed, idempotencyKey: "df/500" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, statusCode: 500, name_: "application_error" });
  });

  it("throws a retryable MailError on a network failure", async () => {
    resendMock.failNext({ kind: "network" });
    const err = await sendEmail(resendDeps, { ...deployFailed, idempotencyKey: "df/net" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, statusCode: null });
  });

  it("records a permanent failure as FAILED and does not call Resend again for that key", async () => {
    resendMock.failNext({ kind: "api", status: 422, name: "validation_error", message: "Invalid `to` field" });
    const row = await sendEmail(resendDeps, { ...deployFailed, to: "not-an-email", idempotencyKey: "df/422" });
    expect(row).toMatchObject({ status: "FAILED", provider: "resend", sentAt: null });
    expect(row.error).toContain("validation_error");
    expect(await sendEmail(resendDeps, { ...deployFailed, idempotencyKey: "df/422" })).toEqual(row);
    expect(resendMock.requests).toHaveLength(1);
  });
});
