CREATE TYPE "public"."optimization_action_kind" AS ENUM('PAUSE_AD', 'SHIFT_BUDGET', 'ROTATE_CREATIVE', 'PAUSE_CAMPAIGN', 'RAISE_BUDGET', 'LAUNCH_CAMPAIGN', 'CHANGE_AUDIENCE');--> statement-breakpoint
CREATE TYPE "public"."optimization_action_status" AS ENUM('PROPOSED', 'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED', 'BLOCKED', 'DRY_RUN', 'APPLYING', 'APPLIED', 'CONFLICT', 'FAILED');--> statement-breakpoint
CREATE TABLE "performance_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"condition" text NOT NULL,
	"day" text NOT NULL,
	"object_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "performance_alerts_once_a_day" UNIQUE("campaign_id","condition","day")
);
--> statement-breakpoint
CREATE TABLE "performance_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"ad_account_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"parent_object_id" text,
	"date" text NOT NULL,
	"spend_cents" integer DEFAULT 0 NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"reach" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"ctr" double precision DEFAULT 0 NOT NULL,
	"frequency" double precision DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"conversion_value_cents" integer DEFAULT 0 NOT NULL,
	"cost_per_conversion_cents" integer,
	"roas" double precision,
	"object_status" text,
	"effective_status" text,
	"daily_budget_cents" integer,
	"creative_id" text,
	"raw" jsonb,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "performance_snapshots_object_date" UNIQUE("object_id","date")
);
--> statement-breakpoint
CREATE TABLE "simulated_clocks" (
	"ad_account_id" text PRIMARY KEY NOT NULL,
	"offset_ms" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autonomy_policies" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"autonomous_max_percent" integer NOT NULL,
	"block_above_percent" integer NOT NULL,
	"suggest_only" boolean DEFAULT false NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"daily_cap_cents" integer NOT NULL,
	"cooldown_hours" integer NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "optimization_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"ad_account_id" text NOT NULL,
	"rule" text NOT NULL,
	"kind" "optimization_action_kind" NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"object_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "optimization_action_status" DEFAULT 'PROPOSED' NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"projected_effect" text,
	"before" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"after" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"money_moved_cents" integer DEFAULT 0 NOT NULL,
	"budget_change_percent" integer DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"snapshot_date" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"outcome" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"impact" jsonb,
	"impact_measured_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "optimization_actions_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "performance_alerts" ADD CONSTRAINT "performance_alerts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_alerts" ADD CONSTRAINT "performance_alerts_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_snapshots" ADD CONSTRAINT "performance_snapshots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_snapshots" ADD CONSTRAINT "performance_snapshots_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_policies" ADD CONSTRAINT "autonomy_policies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autonomy_policies" ADD CONSTRAINT "autonomy_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_actions" ADD CONSTRAINT "optimization_actions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_actions" ADD CONSTRAINT "optimization_actions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_actions" ADD CONSTRAINT "optimization_actions_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_actions" ADD CONSTRAINT "optimization_actions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "performance_snapshots_campaign_id_date_index" ON "performance_snapshots" USING btree ("campaign_id","date");--> statement-breakpoint
CREATE INDEX "optimization_actions_campaign_id_created_at_index" ON "optimization_actions" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "optimization_actions_organization_id_created_at_index" ON "optimization_actions" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "optimization_actions_status_index" ON "optimization_actions" USING btree ("status");