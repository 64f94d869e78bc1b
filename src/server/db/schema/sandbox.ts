import { index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

// ACTIVE: the one snapshot new sandboxes start from (per kind). A failed build or verification leaves
// the previous ACTIVE row untouched; a newer verified build RETIRES it.
export const sandboxSnapshotStatus = pgEnum("sandbox_snapshot_status", [
  "BUILDING",
  "VERIFYING",
  "ACTIVE",
  "FAILED",
  "RETIRED",
]);

export interface SnapshotVerification {
  nodeVersion?: string;
  user?: string;
  tools: Record<string, boolean>;
  rulesFiles: Record<string, boolean>;
  passed: boolean;
  failures: string[];
}

/** A sandbox image the agents run in: a Daytona snapshot, or the local template directory. */
export const sandboxSnapshots = pgTable(
  "sandbox_snapshots",
  {
    id: id(),
    kind: text().$type<"daytona" | "local">().notNull(),
    // Daytona snapshot name, or the local template directory's name (never a host path).
    name: text().notNull(),
    // sha256 of the declarative image (Dockerfile-like recipe + baked files): same hash, same image.
    recipeHash: text().notNull(),
    status: sandboxSnapshotStatus().notNull().default("BUILDING"),
    verification: jsonb().$type<SnapshotVerification>(),
    error: text(),
    buildMs: integer(),
    activatedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.kind, t.status)],
);

/** One attempt to refresh a pre-built template (agent bundle deps, app starter); `/status` shows the latest. */
export const sandboxTemplateRefreshes = pgTable(
  "sandbox_template_refreshes",
  {
    id: id(),
    template: text().notNull(),
    runId: text().notNull(),
    attempt: integer().notNull(),
    status: text().$type<"running" | "succeeded" | "failed">().notNull(),
    error: text(),
    durationMs: integer(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.template, t.createdAt)],
);

/** Create → first command, per sandbox, so "< 500 ms from a pre-built snapshot" can be checked. */
export const sandboxColdStarts = pgTable(
  "sandbox_cold_starts",
  {
    id: id(),
    kind: text().$type<"daytona" | "local">().notNull(),
    snapshot: text(),
    purpose: text().notNull(),
    coldStartMs: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.kind, t.createdAt)],
);
