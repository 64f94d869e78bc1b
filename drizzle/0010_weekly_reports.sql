CREATE TABLE "weekly_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"artifact_id" text,
	"week" integer NOT NULL,
	"week_start" text NOT NULL,
	"week_ending" text NOT NULL,
	"figures" jsonb NOT NULL,
	"summary" text NOT NULL,
	"summary_source" text NOT NULL,
	"message_id" text,
	"created_by_run" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weekly_reports_once_a_week" UNIQUE("campaign_id","week_ending")
);
--> statement-breakpoint
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "weekly_reports_organization_id_project_id_index" ON "weekly_reports" USING btree ("organization_id","project_id");