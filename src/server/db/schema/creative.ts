import { index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { campaignRecords } from "./campaigns";
import { createdAt, id, updatedAt } from "./columns";
import { projects, tenantId } from "./tenancy";

/**
 * A creative session: one brand's ad-creative work, iterated version by version with the owner's
 * feedback. `nextVersion` is claimed with a compare-and-set when a version is added, so two racing
 * resumes get versions n and n+1, never the same number.
 */
export const creativeSessions = pgTable(
  "creative_sessions",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    brandName: text().notNull(),
    brandUrl: text().notNull(),
    nextVersion: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.projectId)],
);

// QUEUED: waiting behind the session's running version (one generation per session at a time).
export const creativeVersionStatus = pgEnum("creative_version_status", ["QUEUED", "RUNNING", "COMPLETED", "FAILED"]);

export type CreativeStage = "research" | "hooks" | "image-prompts" | "images";

/** What a version regenerates; everything else is copied from `hydratedFromVersionId`. */
export interface RegenerationPlan {
  research: boolean;
  /** "all", "none", or the 1-based hook numbers to rewrite (their prompts and images follow). */
  hooks: "all" | "none" | number[];
  /** Image prompts and images: "all", "none", or the hook numbers whose visuals are redone. */
  images: "all" | "none" | number[];
  /** One plain sentence for the owner: what is redone and why. */
  reason: string;
}

export interface StageRecord {
  stage: CreativeStage;
  status: "skipped" | "running" | "done" | "failed";
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  error?: string;
}

export const creativeVersions = pgTable(
  "creative_versions",
  {
    id: id(),
    organizationId: tenantId(),
    sessionId: text()
      .notNull()
      .references(() => creativeSessions.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    status: creativeVersionStatus().notNull().default("QUEUED"),
    feedback: text(),
    // "hooks-only" | "visuals-only" | "start-fresh" when the owner picked a quick choice.
    quickChoice: text(),
    plan: jsonb().$type<RegenerationPlan>(),
    // The last COMPLETED version when this one started: what it reuses. Null for v1 and start-fresh.
    hydratedFromVersionId: text(),
    stages: jsonb().$type<StageRecord[]>().notNull().default([]),
    // "anthropic" when the model ran inside the sandbox, "offline" for the deterministic generator.
    generator: text(),
    sandboxKind: text(),
    sandboxId: text(),
    error: text(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    sandboxSeconds: real().notNull().default(0),
    // Millionths of a dollar: model tokens plus sandbox time.
    costMicros: integer().notNull().default(0),
    durationMs: integer(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.sessionId, t.version), index().on(t.organizationId, t.sessionId)],
);

export const creativeArtifactKind = pgEnum("creative_artifact_kind", ["RESEARCH", "HOOKS", "IMAGE_PROMPTS", "IMAGE"]);

/**
 * One stored output of a version, at `artifacts/{sessionId}/v{n}/{name}` in storage. A reused file
 * is copied into the new version's folder too, and `reusedFromVersionId` says where it came from.
 */
export const creativeArtifacts = pgTable(
  "creative_artifacts",
  {
    id: id(),
    organizationId: tenantId(),
    sessionId: text()
      .notNull()
      .references(() => creativeSessions.id, { onDelete: "cascade" }),
    versionId: text()
      .notNull()
      .references(() => creativeVersions.id, { onDelete: "cascade" }),
    kind: creativeArtifactKind().notNull(),
    // Path inside the version folder: "research.md", "hooks.json", "images/hook-1-1200x628.png".
    name: text().notNull(),
    storageKey: text().notNull(),
    contentType: text().notNull(),
    bytes: integer().notNull(),
    hookNumber: integer(),
    width: integer(),
    height: integer(),
    reusedFromVersionId: text(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.versionId, t.name), index().on(t.sessionId)],
);

/** One hook of a version (from hooks.json), kept as rows so ads and lineage can point at it. */
export const creativeHooks = pgTable(
  "creative_hooks",
  {
    id: id(),
    organizationId: tenantId(),
    sessionId: text()
      .notNull()
      .references(() => creativeSessions.id, { onDelete: "cascade" }),
    versionId: text()
      .notNull()
      .references(() => creativeVersions.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    angle: text().notNull(),
    trigger: text().notNull(),
    headline: text().notNull(),
    primaryText: text().notNull(),
    reusedFromVersionId: text(),
  },
  (t) => [unique().on(t.versionId, t.number)],
);

/**
 * Lineage: a deployed (or planned) ad and the creative it came from. Written when a plan picks a
 * version's hooks and images, and when "rotate creative" turns on the session's next unused one.
 */
export const creativeAdLineage = pgTable(
  "creative_ad_lineage",
  {
    id: id(),
    organizationId: tenantId(),
    campaignId: text()
      .notNull()
      .references(() => campaignRecords.id, { onDelete: "cascade" }),
    // The plan's own ad key ("ad-0-1"), so it is known before Facebook gives an id.
    adKey: text().notNull(),
    facebookAdId: text(),
    sessionId: text()
      .notNull()
      .references(() => creativeSessions.id, { onDelete: "cascade" }),
    versionId: text()
      .notNull()
      .references(() => creativeVersions.id, { onDelete: "cascade" }),
    hookId: text()
      .notNull()
      .references(() => creativeHooks.id, { onDelete: "cascade" }),
    imageArtifactId: text().references(() => creativeArtifacts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.campaignId, t.adKey), index().on(t.sessionId)],
);
