CREATE TABLE "usage_budgets" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"monthly_budget_micro_usd" bigint NOT NULL,
	"warned_month" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_generation_jobs" ADD COLUMN "sandbox_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app_generation_jobs" ADD COLUMN "sandbox_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "usage_budgets" ADD CONSTRAINT "usage_budgets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;