import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { campaignRecords } from "./campaigns";
import { createdAt, id, updatedAt } from "./columns";
import { organizations, tenantId } from "./tenancy";

/**
 * Every delivery the Facebook webhook endpoint accepted (signature verified), kept 30 days so support
 * can see what arrived. Keyed by the sha256 of the raw body: a redelivery of the same bytes is one row.
 * Deliveries belong to no organization: which one a change concerns is decided by its handler.
 */
export const facebookWebhookDeliveries = pgTable(
  "facebook_webhook_deliveries",
  {
    id: text().primaryKey(),
    object: text().notNull(),
    raw: text().notNull(),
    changeCount: integer().notNull(),
    // Only verified deliveries are stored; the column says so to whoever reads the row later.
    signatureVerified: boolean().notNull().default(true),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.receivedAt)],
);

export type AutomationState = "RUNNING" | "PAUSED";

/**
 * What Facebook last said about an ad account's standing, per organization that uses it. While
 * `automation` is PAUSED the agency deploys nothing and optimises nothing there. `reportedAt` is
 * Facebook's time of the change that set the row, so an older report arriving late changes nothing.
 */
export const adAccountStates = pgTable(
  "ad_account_states",
  {
    id: id(),
    organizationId: tenantId(),
    adAccountId: text().notNull(),
    automation: text().$type<AutomationState>().notNull().default("RUNNING"),
    facebookStatus: text(), // ACTIVE, DISABLED, UNSETTLED, CLOSED, … as a word
    facebookStatusCode: integer(),
    reason: text(),
    reportedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("ad_account_states_org_account").on(t.organizationId, t.adAccountId)],
);

/**
 * What Facebook told us about one of our objects outside Aigency's own actions: the ad review
 * (disapproved, with issues) and a status a person set elsewhere (Ads Manager). `heldAt` set means a
 * person's "off" is in force: the engine never turns it back on and excludes the object from its rules.
 */
export const facebookObjectStates = pgTable(
  "facebook_object_states",
  {
    id: id(),
    organizationId: tenantId(),
    campaignId: text()
      .notNull()
      .references(() => campaignRecords.id, { onDelete: "cascade" }),
    adAccountId: text().notNull(),
    objectType: text().$type<"campaign" | "adset" | "ad">().notNull(),
    objectId: text().notNull(),
    reviewStatus: text(), // DISAPPROVED, WITH_ISSUES, IN_PROCESS, APPROVED…
    reviewReason: text(),
    reviewReportedAt: timestamp({ withTimezone: true }),
    outsideStatus: text(), // the status a person set outside Aigency
    outsideReportedAt: timestamp({ withTimezone: true }),
    heldAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("facebook_object_states_org_object").on(t.organizationId, t.objectId), index().on(t.campaignId)],
);

export interface LeadField {
  name: string;
  values: string[];
}

/**
 * A Lead Ads lead, fetched from Graph once per leadgen id. Matched to an organization and campaign
 * by its ad (or the page of exactly one organization); otherwise kept UNMATCHED, never dropped.
 * `day` is the campaign's account day, so the monitoring series can count the lead as a conversion.
 */
export const facebookLeads = pgTable(
  "facebook_leads",
  {
    id: id(),
    leadgenId: text().notNull().unique(),
    organizationId: text().references(() => organizations.id, { onDelete: "cascade" }),
    campaignId: text().references(() => campaignRecords.id, { onDelete: "set null" }),
    match: text().$type<"MATCHED" | "UNMATCHED">().notNull(),
    unmatchedReason: text(),
    pageId: text(),
    formId: text(),
    adId: text(),
    leadCreatedAt: timestamp({ withTimezone: true }),
    day: text(),
    fieldData: jsonb().$type<LeadField[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.campaignId, t.day), index().on(t.organizationId)],
);
