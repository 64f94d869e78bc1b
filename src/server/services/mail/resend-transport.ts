import { Resend } from "resend";
import type { MailTransport } from "./types";
import { toMailError } from "./resend-errors";

export interface ResendTransportOptions {
  apiKey: string;
  baseUrl?: string;
}

/** Delivers through Resend; the idempotency key makes a retried step send once. */
export function createResendTransport(opts: ResendTransportOptions): MailTransport {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  return {
    kind: "resend",
    async deliver(email) {
      const { data, error } = await resend.emails.send(
        { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers },
        { idempotencyKey: email.idempotencyKey },
      );
      if (error) throw toMailError(error);
      return { providerMessageId: data?.id ?? null };
    },
  };
}
