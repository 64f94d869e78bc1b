import { index, pgEnum, pgTable, text, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";

export const membershipRole = pgEnum("membership_role", ["OWNER", "MEMBER"]);

export const organizations = pgTable("organizations", {
  id: id(),
  name: text().notNull(),
  // The user whose first sign-in created this organization: unique, so two racing first
  // sign-ins of one user cannot create two.
  createdForUserId: text()
    .unique()
    .references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The owning organization of a tenant row: required, and deleted with the organization. */
export const tenantId = () =>
  text()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    organizationId: tenantId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole().notNull().default("MEMBER"),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.userId), index().on(t.userId)],
);

export const projects = pgTable(
  "projects",
  {
    id: id(),
    organizationId: tenantId(),
    name: text().notNull(),
    websiteUrl: text(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId)],
);
