CREATE TYPE "public"."usage_kind" AS ENUM('MODEL_TOKENS', 'SANDBOX_SECONDS', 'STORAGE_BYTES', 'EMAIL', 'AD_SPEND_DELTA');--> statement-breakpoint
ALTER TABLE "usage_ledger" ADD COLUMN "project_id" text;--> statement-breakpoint
ALTER TABLE "usage_ledger" ADD COLUMN "feature" text DEFAULT 'unattributed' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_ledger" ADD COLUMN "kind" "usage_kind" DEFAULT 'MODEL_TOKENS' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_ledger" ADD COLUMN "quantity" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_ledger" ADD CONSTRAINT "usage_ledger_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Existing rows are all model calls: their quantity is the tokens they billed.
UPDATE "usage_ledger" SET "quantity" = "input_tokens" + "output_tokens" WHERE "kind" = 'MODEL_TOKENS';
