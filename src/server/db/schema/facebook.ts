import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects, tenantId } from "./tenancy";

// PENDING: token stored, the user has not picked an ad account yet.
export const facebookConnectionStatus = pgEnum("facebook_connection_status", ["PENDING", "ACTIVE", "EXPIRED", "REVOKED"]);

export interface AdAccountChoice {
  id: string;
  name: string;
  currency: string;
  accountStatus: number;
  /** IANA zone Facebook reports for the account: its "day" and "midday" for pacing alerts. */
  timezoneName?: string;
}

/**
 * A new login made while a connection is ACTIVE, kept aside until the user picks its ad account,
 * so starting a reconnect (or a forged one) never interrupts the running connection.
 */
export interface PendingFacebookLogin {
  tokenCiphertext: string;
  tokenIv: string;
  tokenTag: string;
  tokenKeyId: string;
  tokenExpiresAt: string | null;
  adAccountChoices: AdAccountChoice[];
  pageId: string | null;
  projectId: string | null;
  simulated: boolean;
}

/** One Facebook login per user per organization; the token is AES-256-GCM encrypted at rest. */
export const facebookConnections = pgTable(
  "facebook_connections",
  {
    id: id(),
    organizationId: tenantId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fbUserId: text(),
    adAccountId: text(),
    adAccountName: text(),
    pageId: text(),
    tokenCiphertext: text().notNull(),
    tokenIv: text().notNull(),
    tokenTag: text().notNull(),
    tokenKeyId: text().notNull(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    status: facebookConnectionStatus().notNull().default("PENDING"),
    // The accounts offered at the "pick an ad account" step (ids and names only, no secrets).
    adAccountChoices: jsonb().$type<AdAccountChoice[]>().notNull().default([]),
    pendingLogin: jsonb().$type<PendingFacebookLogin>(),
    simulated: boolean().notNull().default(false),
    // The project whose chat started the flow, so the callback can send the user back to it.
    projectId: text().references(() => projects.id, { onDelete: "set null" }),
    lastRefreshedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.organizationId, t.userId), index().on(t.status, t.tokenExpiresAt)],
);

/**
 * Nonces of issued OAuth `state` values. The state itself is HMAC-signed (forgery is refused
 * without a lookup); this row makes it single-use: consuming it sets usedAt exactly once.
 */
export const oauthStates = pgTable("oauth_states", {
  id: text().primaryKey(),
  organizationId: tenantId(),
  userId: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  projectId: text().references(() => projects.id, { onDelete: "cascade" }),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
});
