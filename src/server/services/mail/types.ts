export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  /** Derived from the triggering event, so a retried or replayed step sends once. */
  idempotencyKey: string;
  organizationId?: string;
  /** Extra message headers (List-Unsubscribe for emails to a user); the outbox does not keep them. */
  headers?: Record<string, string>;
}

export interface MailTransport {
  readonly kind: "resend" | "outbox";
  /** Returns the provider's message id; throws MailError on failure. */
  deliver(email: OutgoingEmail & { from: string }): Promise<{ providerMessageId: string | null }>;
}

export class MailError extends Error {
  constructor(message: string, readonly name_: string, readonly statusCode: number | null, readonly retryable: boolean) {
    super(message);
    this.name = "MailError";
  }
}
