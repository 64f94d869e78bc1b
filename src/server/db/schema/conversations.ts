import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.projectId), index().on(t.organizationId)],
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
