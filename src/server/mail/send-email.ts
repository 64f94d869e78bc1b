import { eq } from "drizzle-orm";
import { env } from "@/env";
import type { EmailTemplateName, EmailTemplateProps } from "@/emails/index";
import type { Db } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { MailError, type MailTransport } from "@/server/services/mail/types";
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
 */
export async function sendEmail<N extends EmailTemplateName>(
  deps: SendEmailDeps,
  input: SendEmailInput<N>,
): Promise<OutboxEmail> {
  const existing = await findByKey(deps.db, input.idempotencyKey);
  if (existing) return existing;

  const rendered = await renderEmail(input.template, input.props);
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

  let outcome: Pick<OutboxEmail, "status" | "providerMessageId" | "error" | "sentAt">;
  try {
    const { providerMessageId } = await transport.deliver({
      ...rendered,
      from,
      to: input.to,
      template: input.template,
      idempotencyKey: input.idempotencyKey,
    });
    outcome = { status: "SENT", providerMessageId, error: null, sentAt: new Date() };
  } catch (err) {
    if (!(err instanceof MailError) || err.retryable) throw err;
    outcome = { status: "FAILED", providerMessageId: null, error: err.message, sentAt: null };
  }

  // A concurrent send with the same key may have won the race; its row is the record.
  await deps.db
    .insert(emailOutbox)
    .values({ ...base, ...outcome })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey });
  const row = await findByKey(deps.db, input.idempotencyKey);
  if (!row) throw new Error(`email_outbox row for ${input.idempotencyKey} vanished after insert`);
  return row;
}
