import { bigint, index, integer, pgTable, real, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { tenantId } from "./tenancy";

/** One row per billable call inside a run: model tokens or sandbox seconds, priced at the time. */
export const usageLedger = pgTable(
  "usage_ledger",
  {
    id: id(),
    organizationId: tenantId(),
    runId: text().notNull(),
    // Step-scoped key so a retried step that already recorded does not bill twice.
    dedupeKey: text().notNull().unique(),
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
