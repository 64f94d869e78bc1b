ALTER TABLE "campaign_records" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_records" ADD COLUMN "replaces_campaign_id" text;