import { bigint, index, integer, pgEnum, pgTable, real, text } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { organizations, projects, tenantId } from "./tenancy";

/**
 * What a ledger row measures. AD_SPEND_DELTA is the client's money moved by an applied action, not the
 * agency's cost: it is recorded for the usage page but never counted against the agency-cost budget.
 */
export const usageKind = pgEnum("usage_kind", [
  "MODEL_TOKENS",
  "SANDBOX_SECONDS",
  "STORAGE_BYTES",
  "EMAIL",
  "AD_SPEND_DELTA",
]);

/**
 * One row per billable event inside a run: model tokens, sandbox seconds, storage bytes, an email, or an
 * ad-spend delta, priced at the time. `quantity` is in the kind's unit (tokens, seconds, bytes, emails,
 * micro-units of the ad account currency); `costMicroUsd` is what it cost the agency (0 for ad spend).
 */
export const usageLedger = pgTable(
  "usage_ledger",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text().references(() => projects.id, { onDelete: "set null" }),
    runId: text().notNull(),
    // Entity-scoped key (never the run id), so a retried step or a rerun of the run does not bill twice.
    dedupeKey: text().notNull().unique(),
    // Rows written before the ledger knew features read "unattributed".
    feature: text().notNull().default("unattributed"),
    kind: usageKind().notNull().default("MODEL_TOKENS"),
    quantity: bigint({ mode: "number" }).notNull().default(0),
    provider: text().notNull(),
    model: text(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    sandboxSeconds: real().notNull().default(0),
    costMicroUsd: bigint({ mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.createdAt), index().on(t.runId)],
);

/**
 * An organization's monthly budget for the agency's own costs (every kind but AD_SPEND_DELTA), in micro-USD.
 * `warnedMonth` ("YYYY-MM") is the month the 80% warning was last sent: claimed compare-and-set, so
 * concurrent crossings send one warning a month.
 */
export const usageBudgets = pgTable("usage_budgets", {
  organizationId: text()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  monthlyBudgetMicroUsd: bigint({ mode: "number" }).notNull(),
  warnedMonth: text(),
  updatedAt: updatedAt(),
});
