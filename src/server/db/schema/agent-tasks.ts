import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects, tenantId } from "./tenancy";

/**
 * Agent tasks (plan 003, adapted): an issue handed to the agents from anywhere, classified by the
 * model, run as a prioritised job with attempts, logs and artifacts, rated by the owner; the ratings
 * feed an improvement board. The queue is Inngest; these rows are the record.
 */

// INTERNAL: raised by the agency's own functions (a monitoring alert that needs a look).
export const agentIssueSource = pgEnum("agent_issue_source", ["MANUAL", "WEBHOOK", "SCHEDULED", "INTERNAL", "GITHUB"]);
export const agentIssueType = pgEnum("agent_issue_type", ["BUG", "FEATURE", "ENHANCEMENT", "QUESTION", "TASK", "ANALYSIS"]);
export const agentIssuePriority = pgEnum("agent_issue_priority", ["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
export const agentIssueStatus = pgEnum("agent_issue_status", ["PENDING", "QUEUED", "PROCESSING", "REVIEW", "COMPLETED", "FAILED", "CANCELLED"]);
export const agentJobStatus = pgEnum("agent_job_status", ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]);
export const agentArtifactType = pgEnum("agent_artifact_type", ["CODE_CHANGE", "ANALYSIS", "RECOMMENDATION", "DOCUMENTATION", "CONFIG", "COPY"]);
export const agentLogLevel = pgEnum("agent_log_level", ["DEBUG", "INFO", "WARN", "ERROR"]);
export const agentFeedbackOutcome = pgEnum("agent_feedback_outcome", ["SOLVED", "PARTIAL", "NOT_SOLVED", "MADE_WORSE"]);
export const agentImprovementStatus = pgEnum("agent_improvement_status", ["PENDING", "ANALYZED", "IMPLEMENTED", "DISMISSED"]);

/** Which agent runs a job: chosen by the classifier (or its deterministic fallback). */
export const AGENT_TYPES = ["analyst", "copywriter", "ads-ops", "web-builder"] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export const agentIssues = pgTable(
  "agent_issues",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text().references(() => projects.id, { onDelete: "cascade" }),
    // The source's own id (GitHub issue number, webhook delivery id, schedule + tick): unique per source.
    externalId: text(),
    source: agentIssueSource().notNull().default("MANUAL"),
    // Null until classified.
    type: agentIssueType(),
    priority: agentIssuePriority().notNull().default("MEDIUM"),
    agentType: text().$type<AgentType>(),
    title: text().notNull(),
    description: text().notNull(),
    context: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: agentIssueStatus().notNull().default("PENDING"),
    // "anthropic" or "offline": who classified it.
    classifiedBy: text(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.createdAt), index().on(t.status), unique().on(t.organizationId, t.source, t.externalId)],
);

export const agentJobs = pgTable(
  "agent_jobs",
  {
    id: id(),
    organizationId: tenantId(),
    issueId: text()
      .notNull()
      .references(() => agentIssues.id, { onDelete: "cascade" }),
    agentType: text().$type<AgentType>().notNull(),
    model: text().notNull(),
    status: agentJobStatus().notNull().default("PENDING"),
    // Inngest priority.run seconds: CRITICAL runs first (see src/server/agent-tasks/priority.ts).
    priority: integer().notNull().default(0),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(3),
    config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    completedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.issueId), index().on(t.organizationId, t.status)],
);

export const agentArtifacts = pgTable(
  "agent_artifacts",
  {
    id: id(),
    organizationId: tenantId(),
    jobId: text()
      .notNull()
      .references(() => agentJobs.id, { onDelete: "cascade" }),
    type: agentArtifactType().notNull(),
    name: text().notNull(),
    content: text().notNull(),
    filePath: text(),
    // CODE_CHANGE: a unified diff of the generated app's files.
    diffPatch: text(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.jobId), unique().on(t.jobId, t.name)],
);

/** Redacted before it is written; a tool call is one INFO line with its (redacted) input and outcome. */
export const agentLogs = pgTable(
  "agent_logs",
  {
    id: id(),
    organizationId: tenantId(),
    jobId: text()
      .notNull()
      .references(() => agentJobs.id, { onDelete: "cascade" }),
    level: agentLogLevel().notNull().default("INFO"),
    message: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    timestamp: createdAt(),
  },
  (t) => [index().on(t.jobId, t.timestamp)],
);

export const agentFeedback = pgTable(
  "agent_feedback",
  {
    id: id(),
    organizationId: tenantId(),
    jobId: text()
      .notNull()
      .references(() => agentJobs.id, { onDelete: "cascade" }),
    issueId: text()
      .notNull()
      .references(() => agentIssues.id, { onDelete: "cascade" }),
    agentType: text().$type<AgentType>().notNull(),
    rating: integer().notNull(),
    outcome: agentFeedbackOutcome().notNull(),
    comment: text(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    improvementId: text(),
    improvementStatus: agentImprovementStatus().notNull().default("PENDING"),
    createdAt: createdAt(),
  },
  // One rating per job per user: a second submit updates it.
  (t) => [index().on(t.organizationId, t.agentType), unique().on(t.jobId, t.userId)],
);

/** A card on the improvement board: a pattern the weekly analysis found in an agent type's worst-rated work. */
export const agentImprovements = pgTable(
  "agent_improvements",
  {
    id: id(),
    organizationId: tenantId(),
    agentType: text().$type<AgentType>().notNull(),
    // The ISO week analysed ("2026-W48"): one analysis per organization, agent type and week.
    week: text().notNull(),
    title: text().notNull(),
    pattern: text().notNull(),
    recommendation: text().notNull(),
    feedbackIds: jsonb().$type<string[]>().notNull().default([]),
    status: agentImprovementStatus().notNull().default("ANALYZED"),
    decidedById: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.organizationId, t.agentType, t.week, t.title)],
);

/** The organization's inbound-webhook secret (encrypted with the app's key, like Facebook tokens); rotatable. */
export const agentWebhookSecrets = pgTable("agent_webhook_secrets", {
  organizationId: tenantId().primaryKey(),
  secretCiphertext: text().notNull(),
  // The previous secret stays valid for a grace period after a rotation, so senders can switch over.
  previousCiphertext: text(),
  rotatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** A recurring task an owner set ("every Monday, review last week's ads"). */
export const agentSchedules = pgTable(
  "agent_schedules",
  {
    id: id(),
    organizationId: tenantId(),
    projectId: text().references(() => projects.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text().notNull(),
    // A 5-field cron in UTC, checked by the route.
    cron: text().notNull(),
    enabled: boolean().notNull().default(true),
    lastRunAt: timestamp({ withTimezone: true, mode: "date" }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId)],
);
