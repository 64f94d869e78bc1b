CREATE TYPE "public"."creative_artifact_kind" AS ENUM('RESEARCH', 'HOOKS', 'IMAGE_PROMPTS', 'IMAGE');--> statement-breakpoint
CREATE TYPE "public"."creative_version_status" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."sandbox_snapshot_status" AS ENUM('BUILDING', 'VERIFYING', 'ACTIVE', 'FAILED', 'RETIRED');--> statement-breakpoint
CREATE TABLE "creative_ad_lineage" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"ad_key" text NOT NULL,
	"facebook_ad_id" text,
	"session_id" text NOT NULL,
	"version_id" text NOT NULL,
	"hook_id" text NOT NULL,
	"image_artifact_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creative_ad_lineage_campaignId_adKey_unique" UNIQUE("campaign_id","ad_key")
);
--> statement-breakpoint
CREATE TABLE "creative_artifacts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"session_id" text NOT NULL,
	"version_id" text NOT NULL,
	"kind" "creative_artifact_kind" NOT NULL,
	"name" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"hook_number" integer,
	"width" integer,
	"height" integer,
	"reused_from_version_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creative_artifacts_versionId_name_unique" UNIQUE("version_id","name")
);
--> statement-breakpoint
CREATE TABLE "creative_hooks" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"session_id" text NOT NULL,
	"version_id" text NOT NULL,
	"number" integer NOT NULL,
	"angle" text NOT NULL,
	"trigger" text NOT NULL,
	"headline" text NOT NULL,
	"primary_text" text NOT NULL,
	"reused_from_version_id" text,
	CONSTRAINT "creative_hooks_versionId_number_unique" UNIQUE("version_id","number")
);
--> statement-breakpoint
CREATE TABLE "creative_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" text NOT NULL,
	"created_by_user_id" text,
	"brand_name" text NOT NULL,
	"brand_url" text NOT NULL,
	"next_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creative_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"session_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" "creative_version_status" DEFAULT 'QUEUED' NOT NULL,
	"feedback" text,
	"quick_choice" text,
	"plan" jsonb,
	"hydrated_from_version_id" text,
	"stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"generator" text,
	"sandbox_kind" text,
	"sandbox_id" text,
	"error" text,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"sandbox_seconds" real DEFAULT 0 NOT NULL,
	"cost_micros" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creative_versions_sessionId_version_unique" UNIQUE("session_id","version")
);
--> statement-breakpoint
CREATE TABLE "sandbox_cold_starts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"snapshot" text,
	"purpose" text NOT NULL,
	"cold_start_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"recipe_hash" text NOT NULL,
	"status" "sandbox_snapshot_status" DEFAULT 'BUILDING' NOT NULL,
	"verification" jsonb,
	"error" text,
	"build_ms" integer,
	"activated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_template_refreshes" (
	"id" text PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"run_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "creative_ad_lineage" ADD CONSTRAINT "creative_ad_lineage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_ad_lineage" ADD CONSTRAINT "creative_ad_lineage_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_ad_lineage" ADD CONSTRAINT "creative_ad_lineage_session_id_creative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."creative_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_ad_lineage" ADD CONSTRAINT "creative_ad_lineage_version_id_creative_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."creative_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_ad_lineage" ADD CONSTRAINT "creative_ad_lineage_hook_id_creative_hooks_id_fk" FOREIGN KEY ("hook_id") REFERENCES "public"."creative_hooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_ad_lineage" ADD CONSTRAINT "creative_ad_lineage_image_artifact_id_creative_artifacts_id_fk" FOREIGN KEY ("image_artifact_id") REFERENCES "public"."creative_artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_artifacts" ADD CONSTRAINT "creative_artifacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_artifacts" ADD CONSTRAINT "creative_artifacts_session_id_creative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."creative_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_artifacts" ADD CONSTRAINT "creative_artifacts_version_id_creative_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."creative_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_hooks" ADD CONSTRAINT "creative_hooks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_hooks" ADD CONSTRAINT "creative_hooks_session_id_creative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."creative_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_hooks" ADD CONSTRAINT "creative_hooks_version_id_creative_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."creative_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_sessions" ADD CONSTRAINT "creative_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_sessions" ADD CONSTRAINT "creative_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_sessions" ADD CONSTRAINT "creative_sessions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_versions" ADD CONSTRAINT "creative_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_versions" ADD CONSTRAINT "creative_versions_session_id_creative_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."creative_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creative_ad_lineage_session_id_index" ON "creative_ad_lineage" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "creative_artifacts_session_id_index" ON "creative_artifacts" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "creative_sessions_organization_id_project_id_index" ON "creative_sessions" USING btree ("organization_id","project_id");--> statement-breakpoint
CREATE INDEX "creative_versions_organization_id_session_id_index" ON "creative_versions" USING btree ("organization_id","session_id");--> statement-breakpoint
CREATE INDEX "sandbox_cold_starts_kind_created_at_index" ON "sandbox_cold_starts" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "sandbox_snapshots_kind_status_index" ON "sandbox_snapshots" USING btree ("kind","status");--> statement-breakpoint
CREATE INDEX "sandbox_template_refreshes_template_created_at_index" ON "sandbox_template_refreshes" USING btree ("template","created_at");