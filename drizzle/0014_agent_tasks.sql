CREATE TYPE "public"."agent_artifact_type" AS ENUM('CODE_CHANGE', 'ANALYSIS', 'RECOMMENDATION', 'DOCUMENTATION', 'CONFIG', 'COPY');--> statement-breakpoint
CREATE TYPE "public"."agent_feedback_outcome" AS ENUM('SOLVED', 'PARTIAL', 'NOT_SOLVED', 'MADE_WORSE');--> statement-breakpoint
CREATE TYPE "public"."agent_improvement_status" AS ENUM('PENDING', 'ANALYZED', 'IMPLEMENTED', 'DISMISSED');--> statement-breakpoint
CREATE TYPE "public"."agent_issue_priority" AS ENUM('CRITICAL', 'HIGH', 'MEDIUM', 'LOW');--> statement-breakpoint
CREATE TYPE "public"."agent_issue_source" AS ENUM('MANUAL', 'WEBHOOK', 'SCHEDULED', 'INTERNAL', 'GITHUB');--> statement-breakpoint
CREATE TYPE "public"."agent_issue_status" AS ENUM('PENDING', 'QUEUED', 'PROCESSING', 'REVIEW', 'COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."agent_issue_type" AS ENUM('BUG', 'FEATURE', 'ENHANCEMENT', 'QUESTION', 'TASK', 'ANALYSIS');--> statement-breakpoint
CREATE TYPE "public"."agent_job_status" AS ENUM('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."agent_log_level" AS ENUM('DEBUG', 'INFO', 'WARN', 'ERROR');--> statement-breakpoint
CREATE TABLE "agent_artifacts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"job_id" text NOT NULL,
	"type" "agent_artifact_type" NOT NULL,
	"name" text NOT NULL,
	"content" text NOT NULL,
	"file_path" text,
	"diff_patch" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_artifacts_jobId_name_unique" UNIQUE("job_id","name")
);
--> statement-breakpoint
CREATE TABLE "agent_feedback" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"job_id" text NOT NULL,
	"issue_id" text NOT NULL,
	"agent_type" text NOT NULL,
	"rating" integer NOT NULL,
	"outcome" "agent_feedback_outcome" NOT NULL,
	"comment" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_id" text,
	"improvement_id" text,
	"improvement_status" "agent_improvement_status" DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_feedback_jobId_userId_unique" UNIQUE("job_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "agent_improvements" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"agent_type" text NOT NULL,
	"week" text NOT NULL,
	"title" text NOT NULL,
	"pattern" text NOT NULL,
	"recommendation" text NOT NULL,
	"feedback_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "agent_improvement_status" DEFAULT 'ANALYZED' NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_improvements_organizationId_agentType_week_title_unique" UNIQUE("organization_id","agent_type","week","title")
);
--> statement-breakpoint
CREATE TABLE "agent_issues" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" text,
	"external_id" text,
	"source" "agent_issue_source" DEFAULT 'MANUAL' NOT NULL,
	"type" "agent_issue_type",
	"priority" "agent_issue_priority" DEFAULT 'MEDIUM' NOT NULL,
	"agent_type" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "agent_issue_status" DEFAULT 'PENDING' NOT NULL,
	"classified_by" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_issues_organizationId_source_externalId_unique" UNIQUE("organization_id","source","external_id")
);
--> statement-breakpoint
CREATE TABLE "agent_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"issue_id" text NOT NULL,
	"agent_type" text NOT NULL,
	"model" text NOT NULL,
	"status" "agent_job_status" DEFAULT 'PENDING' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"job_id" text NOT NULL,
	"level" "agent_log_level" DEFAULT 'INFO' NOT NULL,
	"message" text NOT NULL,
	"data" jsonb,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"cron" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_run_at" timestamp with time zone,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_webhook_secrets" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"previous_ciphertext" text,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_artifacts" ADD CONSTRAINT "agent_artifacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_artifacts" ADD CONSTRAINT "agent_artifacts_job_id_agent_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."agent_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_job_id_agent_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."agent_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_issue_id_agent_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."agent_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_improvements" ADD CONSTRAINT "agent_improvements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_improvements" ADD CONSTRAINT "agent_improvements_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_issues" ADD CONSTRAINT "agent_issues_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_issues" ADD CONSTRAINT "agent_issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_issues" ADD CONSTRAINT "agent_issues_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_jobs" ADD CONSTRAINT "agent_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_jobs" ADD CONSTRAINT "agent_jobs_issue_id_agent_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."agent_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_logs" ADD CONSTRAINT "agent_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_logs" ADD CONSTRAINT "agent_logs_job_id_agent_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."agent_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_schedules" ADD CONSTRAINT "agent_schedules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_schedules" ADD CONSTRAINT "agent_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_schedules" ADD CONSTRAINT "agent_schedules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_webhook_secrets" ADD CONSTRAINT "agent_webhook_secrets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_artifacts_job_id_index" ON "agent_artifacts" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "agent_feedback_organization_id_agent_type_index" ON "agent_feedback" USING btree ("organization_id","agent_type");--> statement-breakpoint
CREATE INDEX "agent_issues_organization_id_created_at_index" ON "agent_issues" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_issues_status_index" ON "agent_issues" USING btree ("status");--> statement-breakpoint
CREATE INDEX "agent_jobs_issue_id_index" ON "agent_jobs" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "agent_jobs_organization_id_status_index" ON "agent_jobs" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "agent_logs_job_id_timestamp_index" ON "agent_logs" USING btree ("job_id","timestamp");--> statement-breakpoint
CREATE INDEX "agent_schedules_organization_id_index" ON "agent_schedules" USING btree ("organization_id");