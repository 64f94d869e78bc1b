import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { projectBriefs } from "./briefs";
import { createdAt, id, updatedAt } from "./columns";
import { conversations } from "./conversations";
import { projects, tenantId } from "./tenancy";

// DRAFT: claimed by a generating run, no plan yet. GENERATION_FAILED: the model could not produce a plan
// that passes the rules even after one repair; the user is told in the conversation.
// CLEANING_UP: a member asked to remove a failed deployment; exclusive with deploying (resume waits for it).
export const campaignStatus = pgEnum("campaign_status", [
  "DRAFT",
  "GENERATION_FAILED",
  "PENDING_APPROVAL",
  "APPROVED",
  "DEPLOYING",
  "ACTIVE",
  "DEPLOY_FAILED",
  "SUPERSEDED",
  "EXPIRED",
  "PAUSED",
  "CLEANED_UP",
  "CLEANING_UP",
]);

/** Facebook ids keyed by our own object key (`adset-0`, `ad-0-1`), so each step can check before creating. */
export type FacebookIdMap = Record<string, string>;

export interface DeployErrorRecord {
  step: string;
  message: string;
  code?: number;
  subcode?: number;
  isTransient?: boolean;
  /** "auth": the Facebook login must be renewed (resumes on reconnect); "refused": the approval re-check failed. */
  kind?: "auth" | "rate-limit" | "transient" | "permanent" | "refused";
}

/**
 * One row per plan version. A revision adds a row (version n+1) and supersedes the old one, so an
 * approval always names exactly the version the user saw.
 */
export const campaignRecords = pgTable(
  "campaign_records",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    conversationId: text().references(() => conversations.id, { onDelete: "set null" }),
    briefId: text().references(() => projectBriefs.id, { onDelete: "set null" }),
    version: integer().notNull(),
    // What produced this version (`brief:<id>` or `revise:<campaignId>`): unique, so two runs racing to
    // plan the same brief end with one row.
    sourceKey: text().notNull().unique(),
    claimedByRunId: text().notNull(),
    previousVersionId: text(),
    status: campaignStatus().notNull().default("DRAFT"),
    structure: jsonb().$type<Record<string, unknown>>(),
    feedback: text(),
    // Who is asked to approve: gets the approval, reminder and outcome emails.
    ownerUserId: text().references(() => users.id, { onDelete: "set null" }),
    // The connection chosen at planning time: whose token deploys, into which ad account.
    connectionUserId: text().references(() => users.id, { onDelete: "set null" }),
    adAccountId: text(),
    // ISO 4217 code of the ad account's currency: every amount of this plan is in hundredths of it.
    currency: text().notNull().default("USD"),
    // The live campaign this version replaces: paused (and marked PAUSED) once this one is ACTIVE.
    replacesCampaignId: text(),
    // Which run is pausing the replaced campaign (compare-and-set claim, so two runs never both pause it).
    pauseClaimedBy: text(),
    pauseClaimedAt: timestamp({ withTimezone: true }),
    approvedBy: text().references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp({ withTimezone: true }),
    deployAttempts: integer().notNull().default(0),
    // Numbers each cleanup request, so a retried cleanup gets a fresh (still deterministic) event id.
    cleanupAttempts: integer().notNull().default(0),
    fbCampaignId: text(),
    fbAdSetIds: jsonb().$type<FacebookIdMap>().notNull().default({}),
    fbImageHashes: jsonb().$type<FacebookIdMap>().notNull().default({}),
    fbCreativeIds: jsonb().$type<FacebookIdMap>().notNull().default({}),
    fbAdIds: jsonb().$type<FacebookIdMap>().notNull().default({}),
    lastError: jsonb().$type<DeployErrorRecord>(),
    activatedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.projectId, t.version), index().on(t.organizationId, t.status)],
);
