ALTER TYPE "public"."campaign_status" ADD VALUE 'CLEANING_UP';--> statement-breakpoint
ALTER TABLE "campaign_records" ADD COLUMN "cleanup_attempts" integer DEFAULT 0 NOT NULL;