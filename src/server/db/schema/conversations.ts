import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { projects, tenantId } from "./tenancy";

export const conversationType = pgEnum("conversation_type", ["ONBOARDING", "CAMPAIGN", "AGENT"]);
export const conversationStatus = pgEnum("conversation_status", ["ACTIVE", "COMPLETED", "ARCHIVED"]);
export const messageType = pgEnum("message_type", [
  "TEXT",
  "APPROVAL_REQUEST",
  "APPROVAL_RESPONSE",
  "AGENT_ACTION",
  "FB_CONNECT",
]);
export const messageRole = pgEnum("message_role", ["USER", "ASSISTANT", "SYSTEM"]);

export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    type: conversationType().notNull(),
    status: conversationStatus().notNull().default("ACTIVE"),
    title: text().notNull(),
    // createdAt of the newest user message answered so far: replies are stored by compare-and-set
    // on it, so a slow reply to an older message never lands after the answer to a newer one.
    repliedThroughAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.projectId),
    index().on(t.organizationId),
    // One open campaign conversation per project, however many plan saves race to create it.
    uniqueIndex("conversations_one_open_campaign_per_project")
      .on(t.projectId)
      .where(sql`${t.type} = 'CAMPAIGN' and ${t.status} <> 'ARCHIVED'`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: id(),
    organizationId: tenantId(),
    conversationId: text()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: messageRole().notNull(),
    type: messageType().notNull().default("TEXT"),
    content: text().notNull(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.conversationId, t.createdAt)],
);
