import { pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { updatedAt } from "./columns";

/** ALL: every email; IMPORTANT: approvals, account problems, failures, live; NONE: no email (the bell still shows all). */
export const emailPreferenceLevel = pgEnum("email_preference_level", ["ALL", "IMPORTANT", "NONE"]);

/** One row per user who changed it; no row = ALL. Changed in settings or by the unsubscribe link (no sign-in). */
export const emailPreferences = pgTable("email_preferences", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  level: emailPreferenceLevel().notNull(),
  updatedAt: updatedAt(),
});
