import { eq } from "drizzle-orm";
import { env } from "@/env";
import type { EmailTemplateName, EmailTemplateProps } from "@/emails/index";
import type { Db } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { MailError, type MailTransport } from "@/server/services/mail/types";
import { emailAllowed, getEmailPreference } from "@/server/notifications/email-preferences";
import { issueUnsubscribeToken, unsubscribeSecret, unsubscribeUrls } from "@/server/notifications/unsubscribe-token";
import type { UsageFeature } from "@/server/usage/features";
import { recordLedgerEntry } from "@/server/usage/record";
import { renderEmail } from "./render-email";

export type OutboxEmail = typeof emailOutbox.$inferSelect;

export interface SendEmailDeps {
  db: Db;
  services: { mail: MailTransport };
  /** Sender address; `MAIL_FROM` from the environment when absent. */
  mailFrom?: string;
}

export interface SendEmailInput<N extends EmailTemplateName> {
  template: N;
  props: EmailTemplateProps<N>;
  to: string;
  /** Derived from the triggering event (e.g. `campaign-live/<campaignId>`): one email per key, ever. */
  idempotencyKey: string;
  organizationId?: string;
  /**
   * The user it is for, when it goes to a person's account (every product email does): their email
   * preference decides whether it is delivered, and the footer and headers carry their unsubscribe link.
   */
  recipientUserId?: string;
  /** What the cost ledger bills a sent email to (default "notifications") and the project it concerns. */
  feature?: UsageFeature;
  projectId?: string | null;
}

async function findByKey(db: Db, idempotencyKey: string): Promise<OutboxEmail | undefined> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, idempotencyKey)).limit(1);
  return row;
}

/**
 * Renders a template, delivers it with the active transport and records it in `email_outbox`.
 * A key seen before returns the first row without sending again. A retryable provider failure
 * throws (nothing recorded, so the caller's retry sends); a permanent one is recorded as FAILED
 * and returned, so retries do not hammer the provider with a request it has already refused.
 * An email to a user (`recipientUserId`) their email level leaves out is recorded SUPPRESSED, not sent.
 */
export async function sendEmail<N extends EmailTemplateName>(
  deps: SendEmailDeps,
  input: SendEmailInput<N>,
): Promise<OutboxEmail> {
  const existing = await findByKey(deps.db, input.idempotencyKey);
  if (existing) return existing;

  const forUser = input.recipientUserId ? await userEmailParts(deps.db, input.recipientUserId) : null;
  // Every template's props extend UserEmailProps, so the link is always a prop it accepts.
  const props = forUser ? { ...(input.props as object), unsubscribeUrl: forUser.urls.page } as EmailTemplateProps<N> : input.props;
  const rendered = await renderEmail(input.template, props);
  const from = deps.mailFrom ?? env().MAIL_FROM;
  const transport = deps.services.mail;
  const base = {
    organizationId: input.organizationId ?? null,
    idempotencyKey: input.idempotencyKey,
    provider: transport.kind,
    template: input.template,
    from,
    to: input.to,
    ...rendered,
  };

  if (forUser && !emailAllowed(forUser.level, input.template)) {
    // Recorded, not skipped: the row under this key makes every retry of the step a no-op too.
    return recordOutcome(deps.db, { ...base, status: "SUPPRESSED", error: `Recipient's email preference is ${forUser.level}` }, input);
  }

  let outcome: Pick<OutboxEmail, "status" | "providerMessageId" | "error" | "sentAt">;
  try {
    const { providerMessageId } = await transport.deliver({
      ...rendered,
      from,
      to: input.to,
      template: input.template,
      idempotencyKey: input.idempotencyKey,
      headers: forUser ? oneClickHeaders(forUser.urls.oneClick) : undefined,
    });
    outcome = { status: "SENT", providerMessageId, error: null, sentAt: new Date() };
  } catch (err) {
    if (!(err instanceof MailError) || err.retryable) throw err;
    outcome = { status: "FAILED", providerMessageId: null, error: err.message, sentAt: null };
  }

  return recordOutcome(deps.db, { ...base, ...outcome }, input);
}

/**
 * The outbox row and, for an email actually sent to an organization, its EMAIL row on the cost ledger, in
 * one transaction: the ledger never counts an email the outbox does not show, and the outbox key (its
 * dedupeKey too) makes a retry or a concurrent send bill once.
 */
async function recordOutcome(
  db: Db,
  values: typeof emailOutbox.$inferInsert,
  billing: { feature?: UsageFeature; projectId?: string | null },
): Promise<OutboxEmail> {
  await db.transaction(async (tx) => {
    // A concurrent send with the same key may have won the race; its row is the record.
    const inserted = await tx
      .insert(emailOutbox)
      .values(values)
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ id: emailOutbox.id });
    if (inserted.length === 0 || values.status !== "SENT" || !values.organizationId) return;
    await recordLedgerEntry(tx, {
      organizationId: values.organizationId,
      projectId: billing.projectId,
      runId: values.idempotencyKey,
      dedupeKey: `email:${values.idempotencyKey}`,
      feature: billing.feature ?? "notifications",
      kind: "EMAIL",
      count: 1,
      provider: values.provider,
    });
  });
  const row = await findByKey(db, values.idempotencyKey);
  if (!row) throw new Error(`email_outbox row for ${values.idempotencyKey} vanished after insert`);
  return row;
}

/** The recipient's preference and their signed unsubscribe links. */
async function userEmailParts(db: Db, userId: string) {
  const level = await getEmailPreference(db, userId);
  const config = env();
  const token = issueUnsubscribeToken(userId, unsubscribeSecret(config));
  return { level, urls: unsubscribeUrls({ appUrl: config.APP_URL, token }) };
}

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the URL. */
function oneClickHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
