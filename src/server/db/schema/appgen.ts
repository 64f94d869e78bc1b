import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { GenerationSpec } from "@/server/appgen/spec";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects, tenantId } from "./tenancy";

/** One proposed preview of a page: a whole HTML document, shown in a sandboxed iframe. */
export interface DesignPreview {
  optionId: string;
  label: string;
  html: string;
}

export interface DesignPage {
  pageId: string;
  route: string;
  name: string;
  purpose: string;
  actions: string[];
  notes: string;
  options: DesignPreview[];
}

export interface DesignStyle {
  name: string;
  palette: string[];
  typography: string[];
  notes: string;
}

export interface DesignBrief {
  title: string;
  details: string;
  audience: string;
  goals: string;
}

export const appDesignStatus = pgEnum("app_design_status", ["PROPOSING", "READY", "FAILED"]);

/**
 * A design step's proposal for a project: a page tree with 2–3 preview options per page, made by the
 * model (or the offline model) from the project's brief. `/build` picks one preview per page from it
 * (or the owner's pasted HTML) and submits a generation spec.
 */
export const appDesigns = pgTable(
  "app_designs",
  {
    id: id(),
    organizationId: tenantId(),
    ownerId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    status: appDesignStatus().notNull().default("PROPOSING"),
    brief: jsonb().$type<DesignBrief>(),
    style: jsonb().$type<DesignStyle>(),
    pages: jsonb().$type<DesignPage[]>().notNull().default([]),
    // "anthropic" or "offline": the page says which made the previews.
    generator: text(),
    error: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.ownerId, t.projectId)],
);

// queued: accepted, waiting for one of the owner's two running slots. fixing: a build failed and the
// fixer is on it. expired: the artifact was removed by retention (only the newest 5 per project stay).
export const appJobStatus = pgEnum("app_job_status", [
  "queued",
  "running",
  "fixing",
  "completed",
  "completed_with_warnings",
  "failed",
  "expired",
]);

export type AppJobStatus = (typeof appJobStatus.enumValues)[number];
export const APP_JOB_TERMINAL: readonly AppJobStatus[] = ["completed", "completed_with_warnings", "failed", "expired"];

export type AppJobStage = "queued" | "prepare" | "pages" | "integration" | "validate" | "fix" | "package" | "done";

/** A generation job: owner-only (another user's job answers 404), its spec kept as submitted. */
export const appGenerationJobs = pgTable(
  "app_generation_jobs",
  {
    id: id(),
    organizationId: tenantId(),
    ownerId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    designId: text().references(() => appDesigns.id, { onDelete: "set null" }),
    status: appJobStatus().notNull().default("queued"),
    stage: text().$type<AppJobStage>().notNull().default("queued"),
    spec: jsonb().$type<GenerationSpec>().notNull(),
    // Fix rounds run so far (0..4) and the engine attempts the job's stages took in all.
    fixRound: integer().notNull().default(0),
    attemptCount: integer().notNull().default(0),
    warnings: jsonb().$type<string[]>().notNull().default([]),
    warningCount: integer().notNull().default(0),
    error: text(),
    // "anthropic" or "offline": which model wrote the code.
    generator: text(),
    sandboxKind: text(),
    sandboxId: text(),
    // The job's first sandbox was created / its sandboxes were deleted: the cost ledger bills the seconds between.
    sandboxStartedAt: timestamp({ withTimezone: true, mode: "date" }),
    sandboxStoppedAt: timestamp({ withTimezone: true, mode: "date" }),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    // startedAt + 45 minutes: every stage's commands are cut to the time left.
    deadlineAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    // When retention removed the artifact (status became expired).
    expiresAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.ownerId, t.createdAt), index().on(t.ownerId, t.status), index().on(t.projectId, t.createdAt)],
);

export const appTaskStatus = pgEnum("app_task_status", ["pending", "running", "done", "failed"]);

/**
 * One unit of a job's work: `page:<pageId>`, `integration`, `install`, `build:<round>`,
 * `lint:<round>`, `fix:<round>`, `package`. The key is unique per job, so a retried step updates its
 * row instead of adding one.
 */
export const appGenerationTasks = pgTable(
  "app_generation_tasks",
  {
    id: id(),
    organizationId: tenantId(),
    jobId: text()
      .notNull()
      .references(() => appGenerationJobs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    kind: text().$type<"page" | "integration" | "install" | "build" | "lint" | "fix" | "package">().notNull(),
    pageId: text(),
    round: integer().notNull().default(0),
    status: appTaskStatus().notNull().default("pending"),
    attempt: integer().notNull().default(0),
    // Workspace paths this task wrote (after the scope check).
    files: jsonb().$type<string[]>().notNull().default([]),
    error: text(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    durationMs: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.jobId, t.key), index().on(t.jobId)],
);

/** The job's ZIP, private at `generated-apps/{ownerId}/{projectId}/{jobId}/app.zip`. */
export const appGenerationArtifacts = pgTable(
  "app_generation_artifacts",
  {
    id: id(),
    organizationId: tenantId(),
    ownerId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    jobId: text()
      .notNull()
      .unique()
      .references(() => appGenerationJobs.id, { onDelete: "cascade" }),
    storageKey: text().notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    // sha256 of the ZIP, hex.
    checksum: text().notNull(),
    entryCount: integer().notNull(),
    createdAt: createdAt(),
    // Set by retention when the object is deleted; the row stays as the job's record.
    removedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index().on(t.projectId, t.createdAt)],
);

/** A redacted line of a job's log, by stage and task, for the progress page's debugging view. */
export const appGenerationLogs = pgTable(
  "app_generation_logs",
  {
    id: id(),
    organizationId: tenantId(),
    jobId: text()
      .notNull()
      .references(() => appGenerationJobs.id, { onDelete: "cascade" }),
    stage: text().$type<AppJobStage>().notNull(),
    taskKey: text(),
    level: text().$type<"info" | "warn" | "error">().notNull().default("info"),
    // Redacted before it is written (src/server/appgen/redact.ts); never a secret, never raw env.
    message: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.jobId, t.createdAt)],
);
