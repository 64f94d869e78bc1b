ALTER TYPE "public"."notification_type" ADD VALUE 'LEAD';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'ACCOUNT_PROBLEM';--> statement-breakpoint
CREATE TABLE "ad_account_states" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"ad_account_id" text NOT NULL,
	"automation" text DEFAULT 'RUNNING' NOT NULL,
	"facebook_status" text,
	"facebook_status_code" integer,
	"reason" text,
	"reported_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_account_states_org_account" UNIQUE("organization_id","ad_account_id")
);
--> statement-breakpoint
CREATE TABLE "facebook_leads" (
	"id" text PRIMARY KEY NOT NULL,
	"leadgen_id" text NOT NULL,
	"organization_id" text,
	"campaign_id" text,
	"match" text NOT NULL,
	"unmatched_reason" text,
	"page_id" text,
	"form_id" text,
	"ad_id" text,
	"lead_created_at" timestamp with time zone,
	"day" text,
	"field_data" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facebook_leads_leadgenId_unique" UNIQUE("leadgen_id")
);
--> statement-breakpoint
CREATE TABLE "facebook_object_states" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"ad_account_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"review_status" text,
	"review_reason" text,
	"review_reported_at" timestamp with time zone,
	"outside_status" text,
	"outside_reported_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facebook_object_states_org_object" UNIQUE("organization_id","object_id")
);
--> statement-breakpoint
CREATE TABLE "facebook_webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"object" text NOT NULL,
	"raw" text NOT NULL,
	"change_count" integer NOT NULL,
	"signature_verified" boolean DEFAULT true NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ad_account_states" ADD CONSTRAINT "ad_account_states_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_leads" ADD CONSTRAINT "facebook_leads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_leads" ADD CONSTRAINT "facebook_leads_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_object_states" ADD CONSTRAINT "facebook_object_states_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_object_states" ADD CONSTRAINT "facebook_object_states_campaign_id_campaign_records_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facebook_leads_campaign_id_day_index" ON "facebook_leads" USING btree ("campaign_id","day");--> statement-breakpoint
CREATE INDEX "facebook_leads_organization_id_index" ON "facebook_leads" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "facebook_object_states_campaign_id_index" ON "facebook_object_states" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "facebook_webhook_deliveries_received_at_index" ON "facebook_webhook_deliveries" USING btree ("received_at");