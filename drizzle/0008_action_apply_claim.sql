ALTER TABLE "optimization_actions" ADD COLUMN "apply_claimed_by" text;--> statement-breakpoint
ALTER TABLE "optimization_actions" ADD COLUMN "apply_claimed_at" timestamp with time zone;