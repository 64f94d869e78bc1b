import type { MailTransport } from "./types";

/**
 * The embedded "provider": delivers nowhere. `sendEmail` records every email in `email_outbox`
 * whichever transport is active, so with this one the table is the mailbox (/dev/mailbox).
 */
export function createOutboxTransport(): MailTransport {
  return {
    kind: "outbox",
    async deliver() {
      return { providerMessageId: null };
    },
  };
}
