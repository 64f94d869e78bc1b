import { bigint, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { campaignRecords } from "./campaigns";
import { createdAt, id, updatedAt } from "./columns";
import { tenantId } from "./tenancy";

export type SnapshotObjectType = "campaign" | "adset" | "ad";

/**
 * One row per Facebook object per day of delivery (the ad account's day). Keyed by (object, date):
 * every pull upserts, so a rerun or two overlapping sweeps leave exactly one row per object and day.
 * Amounts are hundredths of the campaign's currency; `ctr` is a percentage as Graph reports it.
 */
export const performanceSnapshots = pgTable(
  "performance_snapshots",
  {
    id: id(),
    organizationId: tenantId(),
    campaignId: text()
      .notNull()
      .references(() => campaignRecords.id, { onDelete: "cascade" }),
    adAccountId: text().notNull(),
    objectType: text().$type<SnapshotObjectType>().notNull(),
    objectId: text().notNull(),
    // The parent on Facebook (campaign id for ad sets, ad set id for ads), so a day's tree is one query.
    parentObjectId: text(),
    date: text().notNull(), // YYYY-MM-DD in the ad account's time zone
    spendCents: integer().notNull().default(0),
    impressions: integer().notNull().default(0),
    reach: integer().notNull().default(0),
    clicks: integer().notNull().default(0),
    ctr: doublePrecision().notNull().default(0),
    frequency: doublePrecision().notNull().default(0),
    conversions: integer().notNull().default(0),
    conversionValueCents: integer().notNull().default(0),
    costPerConversionCents: integer(),
    roas: doublePrecision(),
    // The object as it was when pulled: what the rules and the compare-and-set start from.
    objectStatus: text(),
    effectiveStatus: text(),
    dailyBudgetCents: integer(),
    creativeId: text(),
    // Graph's answer for this object, kept for debugging (never a token: sub-responses carry none).
    raw: jsonb().$type<unknown>(),
    pulledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("performance_snapshots_object_date").on(t.objectId, t.date), index().on(t.campaignId, t.date)],
);

/**
 * A significant change told to the owner: unique per campaign, condition and account day, so an
 * alert is posted at most once a day however many sweeps see it.
 */
export const performanceAlerts = pgTable(
  "performance_alerts",
  {
    id: id(),
    organizationId: tenantId(),
    campaignId: text()
      .notNull()
      .references(() => campaignRecords.id, { onDelete: "cascade" }),
    condition: text().notNull(),
    day: text().notNull(),
    objectId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    messageId: text(),
    createdAt: createdAt(),
  },
  (t) => [unique("performance_alerts_once_a_day").on(t.campaignId, t.condition, t.day)],
);

/**
 * The simulated ad account's clock: how far its "now" runs ahead of the real one, per simulated ad
 * account, so a demo or a test can watch a week of delivery in a minute. Real accounts have no row.
 */
export const simulatedClocks = pgTable("simulated_clocks", {
  adAccountId: text().primaryKey(),
  offsetMs: bigint({ mode: "number" }).notNull().default(0),
  updatedAt: updatedAt(),
});
