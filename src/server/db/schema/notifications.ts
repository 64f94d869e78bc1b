import { boolean, index, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id } from "./columns";
import { conversations } from "./conversations";
import { projects, tenantId } from "./tenancy";

export const notificationType = pgEnum("notification_type", [
  "APPROVAL_NEEDED",
  "CAMPAIGN_LIVE",
  "DEPLOY_FAILED",
  "AGENT_UPDATE",
  "ALERT",
  "REPORT",
  "LEAD",
  "ACCOUNT_PROBLEM",
]);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    organizationId: tenantId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text().references(() => projects.id, { onDelete: "cascade" }),
    conversationId: text().references(() => conversations.id, { onDelete: "set null" }),
    type: notificationType().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    read: boolean().notNull().default(false),
    // Derived from the triggering event so a retried or replayed step cannot notify twice.
    dedupeKey: text().notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId, t.read)],
);
