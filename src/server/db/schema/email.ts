import { index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { organizations } from "./tenancy";

// SUPPRESSED: not sent because the recipient's email preference says so (recorded, so a retry does not send either).
export const emailStatus = pgEnum("email_status", ["SENT", "FAILED", "SUPPRESSED"]);
export const emailProvider = pgEnum("email_provider", ["outbox", "resend"]);

/**
 * Every email the product sends, whichever provider delivered it. With no Resend key this table
 * is the mailbox (shown at /dev/mailbox); with Resend it is the delivery log. The idempotency key
 * is unique so a retried send records once.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    organizationId: text().references(() => organizations.id, { onDelete: "cascade" }),
    idempotencyKey: text().notNull().unique(),
    provider: emailProvider().notNull(),
    providerMessageId: text(),
    template: text().notNull(),
    from: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: emailStatus().notNull(),
    error: text(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.organizationId, t.createdAt)],
);
