import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { facebookWebhookReceived } from "@/inngest/events";
import { handleAdAccountStatus } from "@/inngest/functions/webhooks/handle-ad-account-status";
import type { Db } from "@/server/db";
import { emailOutbox, messages, notifications } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, testCtx } from "../campaigns/support";
import { seedLiveCampaign } from "../optimization/support";

/** This file's fresh database with embedded deps installed for the functions under test; `db` is set once it is open. */
export function openWebhookTestDb() {
  const ref = {} as { db: Db; close: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(ref, await createTestDb());
    setDeps(embeddedDeps(ref.db));
  });
  afterAll(async () => {
    setDeps();
    await ref.close?.();
  });
  return ref;
}

let accounts = 0;
/** A fresh ad account number per test (Facebook's form: digits, no act_ prefix), so tests in one file never share state. */
export const freshAccountNumber = () => String(5_550_000_000 + ++accounts);

/** An organization with an ACTIVE campaign (and its connection) on `act_<number>`. */
export const seedAccountUser = (db: Db, name: string, accountNumber: string) =>
  seedLiveCampaign(db, name, { adAccountId: `act_${accountNumber}`, simulated: true });

/** One `account_status` change as the endpoint turns it into an event (ad_account topic unless told). */
export function statusChange(accountNumber: string, status: unknown, time: number, opts: { object?: string; field?: string; value?: Record<string, unknown> } = {}) {
  const object = opts.object ?? "ad_account";
  return facebookWebhookReceived.create({
    deliveryId: `delivery-${accountNumber}-${time}`,
    changeId: `change-${accountNumber}-${String(status)}-${time}`,
    object,
    entryId: object === "ad_account" ? accountNumber : "1234567",
    time,
    field: opts.field ?? (object === "ad_account" ? "account_status" : "ad_account"),
    value: opts.value ?? { account_id: accountNumber, account_status: status },
  });
}

export async function runStatusHandler(event: ReturnType<typeof statusChange>) {
  const ctx = testCtx();
  const out = await new InngestTestEngine({ function: handleAdAccountStatus, events: [event as never], transformCtx: ctx.transformCtx }).execute();
  return { ...out, sent: ctx.sent };
}

/** What the owner of one organization has been told about the account's standing. */
export async function toldAbout(db: Db, organizationId: string) {
  const [msgs, bells, mails] = await Promise.all([
    db.select().from(messages).where(eq(messages.organizationId, organizationId)),
    db.select().from(notifications).where(and(eq(notifications.organizationId, organizationId), eq(notifications.type, "ACCOUNT_PROBLEM"))),
    db.select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, organizationId), eq(emailOutbox.template, "ad-account-status"))),
  ]);
  return { messages: msgs.filter((m) => m.metadata?.kind === "ad-account-standing"), notifications: bells, emails: mails };
}
