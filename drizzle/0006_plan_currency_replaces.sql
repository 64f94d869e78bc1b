ALTER TABLE "campaign_records" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_records" ADD COLUMN "replaces_campaign_id" text;--> statement-breakpoint
ALTER TABLE "campaign_records" ADD COLUMN "pause_claimed_by" text;--> statement-breakpoint
ALTER TABLE "campaign_records" ADD COLUMN "pause_claimed_at" timestamp with time zone;