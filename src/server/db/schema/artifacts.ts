import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { conversations } from "./conversations";
import { projects, tenantId } from "./tenancy";

export const artifactType = pgEnum("artifact_type", ["BRIEF", "AD_COPY", "CAMPAIGN", "IMAGE", "REPORT", "ACTION", "APP"]);

export const artifacts = pgTable(
  "artifacts",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    conversationId: text().references(() => conversations.id, { onDelete: "set null" }),
    type: artifactType().notNull(),
    title: text().notNull(),
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    storagePath: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.projectId, t.type)],
);
