import { boolean, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * Objects created in the simulated ad account. Like the real Graph API it does not deduplicate:
 * a second create makes a second object, so our own stored-id checks are what tests prove.
 * `id` holds a Graph-shaped numeric id rather than a uuid so callers cannot tell the two apart.
 */
export const simulatedAdObjects = pgTable(
  "simulated_ad_objects",
  {
    id: id(),
    adAccountId: text().notNull(),
    kind: text().notNull(),
    parentId: text(),
    name: text(),
    status: text(),
    fields: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.adAccountId, t.kind)],
);

/**
 * Faults the simulated ad account raises on demand (tests, demos): each matching call consumes
 * one unit of `remaining` and throws the Graph error described here (or, with effect
 * "lose-response", applies the write and then loses the answer). `adAccountId` "*" matches any.
 */
export const simulatedFaults = pgTable(
  "simulated_faults",
  {
    id: id(),
    adAccountId: text().notNull().default("*"),
    operation: text().notNull(),
    remaining: integer().notNull().default(1),
    httpStatus: integer().notNull().default(400),
    code: integer().notNull(),
    subcode: integer(),
    message: text().notNull(),
    isTransient: boolean().notNull().default(false),
    // Becomes GraphApiError.retryAfterMs, as Graph's estimated_time_to_regain_access would.
    retryAfterMinutes: integer(),
    // "error": the call fails before anything is written; "lose-response": the write is applied,
    // then the caller sees a dropped connection, as when Graph accepted it but the answer never came.
    effect: text().$type<"error" | "lose-response">().notNull().default("error"),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.operation, t.adAccountId)],
);
