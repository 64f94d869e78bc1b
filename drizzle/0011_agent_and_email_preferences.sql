CREATE TYPE "public"."email_preference_level" AS ENUM('ALL', 'IMPORTANT', 'NONE');--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'SUPPRESSED';--> statement-breakpoint
ALTER TYPE "public"."optimization_action_kind" ADD VALUE 'RESUME_CAMPAIGN';--> statement-breakpoint
ALTER TYPE "public"."optimization_action_kind" ADD VALUE 'CHANGE_BUDGET';--> statement-breakpoint
CREATE TABLE "email_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"level" "email_preference_level" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_preferences" ADD CONSTRAINT "email_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;