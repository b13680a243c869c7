CREATE TABLE "tracker_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notify" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_matched_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "tracker_saved_searches" ADD CONSTRAINT "tracker_saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_saved_searches_user_name_unique" ON "tracker_saved_searches" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE INDEX "tracker_saved_searches_user_created_idx" ON "tracker_saved_searches" USING btree ("user_id","created_at","id");