CREATE TYPE "public"."app_design_status" AS ENUM('PROPOSING', 'READY', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."app_job_status" AS ENUM('queued', 'running', 'fixing', 'completed', 'completed_with_warnings', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."app_task_status" AS ENUM('pending', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "app_designs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"project_id" text NOT NULL,
	"status" "app_design_status" DEFAULT 'PROPOSING' NOT NULL,
	"brief" jsonb,
	"style" jsonb,
	"pages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"generator" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_generation_artifacts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"project_id" text NOT NULL,
	"job_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"checksum" text NOT NULL,
	"entry_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "app_generation_artifacts_jobId_unique" UNIQUE("job_id")
);
--> statement-breakpoint
CREATE TABLE "app_generation_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"project_id" text NOT NULL,
	"design_id" text,
	"status" "app_job_status" DEFAULT 'queued' NOT NULL,
	"stage" text DEFAULT 'queued' NOT NULL,
	"spec" jsonb NOT NULL,
	"fix_round" integer DEFAULT 0 NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warning_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"generator" text,
	"sandbox_kind" text,
	"sandbox_id" text,
	"started_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_generation_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"job_id" text NOT NULL,
	"stage" text NOT NULL,
	"task_key" text,
	"level" text DEFAULT 'info' NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_generation_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"job_id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"page_id" text,
	"round" integer DEFAULT 0 NOT NULL,
	"status" "app_task_status" DEFAULT 'pending' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_generation_tasks_jobId_key_unique" UNIQUE("job_id","key")
);
--> statement-breakpoint
ALTER TABLE "app_designs" ADD CONSTRAINT "app_designs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_designs" ADD CONSTRAINT "app_designs_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_designs" ADD CONSTRAINT "app_designs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_artifacts" ADD CONSTRAINT "app_generation_artifacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_artifacts" ADD CONSTRAINT "app_generation_artifacts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_artifacts" ADD CONSTRAINT "app_generation_artifacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_artifacts" ADD CONSTRAINT "app_generation_artifacts_job_id_app_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."app_generation_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_jobs" ADD CONSTRAINT "app_generation_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_jobs" ADD CONSTRAINT "app_generation_jobs_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_jobs" ADD CONSTRAINT "app_generation_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_jobs" ADD CONSTRAINT "app_generation_jobs_design_id_app_designs_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."app_designs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_logs" ADD CONSTRAINT "app_generation_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_logs" ADD CONSTRAINT "app_generation_logs_job_id_app_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."app_generation_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_tasks" ADD CONSTRAINT "app_generation_tasks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_generation_tasks" ADD CONSTRAINT "app_generation_tasks_job_id_app_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."app_generation_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_designs_owner_id_project_id_index" ON "app_designs" USING btree ("owner_id","project_id");--> statement-breakpoint
CREATE INDEX "app_generation_artifacts_project_id_created_at_index" ON "app_generation_artifacts" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "app_generation_jobs_owner_id_created_at_index" ON "app_generation_jobs" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "app_generation_jobs_owner_id_status_index" ON "app_generation_jobs" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "app_generation_jobs_project_id_created_at_index" ON "app_generation_jobs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "app_generation_logs_job_id_created_at_index" ON "app_generation_logs" USING btree ("job_id","created_at");--> statement-breakpoint
CREATE INDEX "app_generation_tasks_job_id_index" ON "app_generation_tasks" USING btree ("job_id");