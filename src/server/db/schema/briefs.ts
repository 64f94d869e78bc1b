import { index, integer, pgEnum, pgTable, text, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id } from "./columns";
import { conversations } from "./conversations";
import { projects, tenantId } from "./tenancy";

export const briefGoal = pgEnum("brief_goal", ["LEADS", "SALES", "TRAFFIC", "APP_INSTALLS"]);

/**
 * The structured brief, versioned: a change never rewrites a confirmed brief, it adds version n+1.
 * The current brief of a project is its highest version.
 */
export const projectBriefs = pgTable(
  "project_briefs",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    businessDescription: text().notNull(),
    product: text().notNull(),
    targetAudience: text().notNull(),
    goal: briefGoal().notNull(),
    monthlyBudgetCents: integer().notNull(),
    /** ISO 4217 code of the budget the owner stated; monthlyBudgetCents is in its hundredths. */
    budgetCurrency: text().notNull().default("USD"),
    location: text().notNull(),
    uniqueSellingPoint: text().notNull(),
    websiteUrl: text().notNull(),
    conversationId: text().references(() => conversations.id, { onDelete: "set null" }),
    confirmedBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.projectId, t.version), index().on(t.organizationId)],
);
