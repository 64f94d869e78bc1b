import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { campaignRecords } from "./campaigns";
import { createdAt, id, updatedAt } from "./columns";
import { organizations, projects, tenantId } from "./tenancy";

export const optimizationActionKind = pgEnum("optimization_action_kind", [
  "PAUSE_AD",
  "SHIFT_BUDGET",
  "ROTATE_CREATIVE",
  "PAUSE_CAMPAIGN",
  "RAISE_BUDGET",
  "LAUNCH_CAMPAIGN",
  "CHANGE_AUDIENCE",
  // Asked for by the owner in the conversation (the agent's tools); always waits for their approval.
  "RESUME_CAMPAIGN",
  "CHANGE_BUDGET",
]);

// PROPOSED → AWAITING_APPROVAL → APPROVED | REJECTED | EXPIRED; BLOCKED and DRY_RUN are final at
// proposal time; APPROVED (or an autonomous PROPOSED) → APPLYING → APPLIED | CONFLICT | FAILED.
export const optimizationActionStatus = pgEnum("optimization_action_status", [
  "PROPOSED",
  "AWAITING_APPROVAL",
  "APPROVED",
  "REJECTED",
  "EXPIRED",
  "BLOCKED",
  "DRY_RUN",
  "APPLYING",
  "APPLIED",
  "CONFLICT",
  "FAILED",
]);

/** Facebook state an action reads and writes: object statuses and ad set daily budgets (hundredths). */
export interface ActionValues {
  statuses?: Record<string, "ACTIVE" | "PAUSED">;
  dailyBudgets?: Record<string, number>;
}

/** Measured a few days after applying: the object's metrics in equal windows before and after. */
export interface ActionImpact {
  windowDays: number;
  before: { spendCents: number; conversions: number; clicks: number; impressions: number };
  after: { spendCents: number; conversions: number; clicks: number; impressions: number };
  spendSavedCents: number;
  conversionsGained: number;
  summary: string;
}

/**
 * The action ledger: every change the agency made, proposed, or refused itself, with the rule, the
 * reason in plain words, before and after values, who decided, and an idempotency key from
 * (rule, object, snapshot date), unique, so a rerun of the evaluation never proposes twice.
 */
export const optimizationActions = pgTable(
  "optimization_actions",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    campaignId: text()
      .notNull()
      .references(() => campaignRecords.id, { onDelete: "cascade" }),
    adAccountId: text().notNull(),
    rule: text().notNull(),
    kind: optimizationActionKind().notNull(),
    objectType: text().$type<"campaign" | "adset" | "ad">().notNull(),
    objectId: text().notNull(),
    // Every Facebook object the action reads or writes (a budget shift touches two ad sets).
    objectIds: jsonb().$type<string[]>().notNull().default([]),
    status: optimizationActionStatus().notNull().default("PROPOSED"),
    requiresApproval: boolean().notNull().default(false),
    reason: text().notNull(),
    projectedEffect: text(),
    before: jsonb().$type<ActionValues>().notNull().default({}),
    after: jsonb().$type<ActionValues>().notNull().default({}),
    // Money this action moves per day (hundredths of `currency`): counted against the daily cap.
    moneyMovedCents: integer().notNull().default(0),
    // Change of the campaign's total daily budget, percent (0 for moves that keep the total).
    budgetChangePercent: integer().notNull().default(0),
    currency: text().notNull().default("USD"),
    snapshotDate: text().notNull(),
    idempotencyKey: text().notNull().unique(),
    // Why a policy refused it or why applying stopped (plain words).
    outcome: text(),
    decidedBy: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    appliedAt: timestamp({ withTimezone: true }),
    // Which apply run holds APPLYING (its run id) and since when (wall clock): a retry of that run carries
    // on, another run waits until the lease is over, so two runs never write to Facebook side by side.
    applyClaimedBy: text(),
    applyClaimedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    impact: jsonb().$type<ActionImpact>(),
    impactMeasuredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.campaignId, t.createdAt), index().on(t.organizationId, t.createdAt), index().on(t.status)],
);

/**
 * How far the agency may move an organization's money alone. Percentages are of the campaign's
 * total daily budget. Absent row = the safe defaults in `src/server/optimization/policy.ts`.
 */
export const autonomyPolicies = pgTable("autonomy_policies", {
  organizationId: text()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  // Up to this percent of daily budget: applied alone. Above: needs approval.
  autonomousMaxPercent: integer().notNull(),
  // Above this percent: blocked, whoever approves.
  blockAbovePercent: integer().notNull(),
  // Nothing runs alone; every change becomes a proposal.
  suggestOnly: boolean().notNull().default(false),
  // Record what would have been done, change nothing.
  dryRun: boolean().notNull().default(false),
  // Money moved per day across the organization (hundredths of the campaign currency).
  dailyCapCents: integer().notNull(),
  cooldownHours: integer().notNull(),
  updatedBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
