CREATE TABLE "tracker_company_stats" (
	"user_id" uuid NOT NULL,
	"company" text NOT NULL,
	"applications" integer NOT NULL,
	"offers" integer NOT NULL,
	CONSTRAINT "tracker_company_stats_user_id_company_pk" PRIMARY KEY("user_id","company")
);
--> statement-breakpoint
CREATE TABLE "tracker_skill_stats" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"spelling" text NOT NULL,
	"jobs" integer NOT NULL,
	CONSTRAINT "tracker_skill_stats_user_id_key_spelling_pk" PRIMARY KEY("user_id","key","spelling")
);
--> statement-breakpoint
CREATE TABLE "tracker_stage_stays" (
	"user_id" uuid NOT NULL,
	"stage" "application_status" NOT NULL,
	"tenths" integer NOT NULL,
	"stays" integer NOT NULL,
	CONSTRAINT "tracker_stage_stays_user_id_stage_tenths_pk" PRIMARY KEY("user_id","stage","tenths")
);
--> statement-breakpoint
CREATE TABLE "tracker_status_stats" (
	"user_id" uuid NOT NULL,
	"status" "application_status" NOT NULL,
	"reached_rank" smallint NOT NULL,
	"ever_rejected" boolean NOT NULL,
	"applications" integer NOT NULL,
	CONSTRAINT "tracker_status_stats_user_id_status_reached_rank_ever_rejected_pk" PRIMARY KEY("user_id","status","reached_rank","ever_rejected")
);
--> statement-breakpoint
CREATE TABLE "tracker_user_stats" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"live_jobs" integer DEFAULT 0 NOT NULL,
	"deleted_jobs" integer DEFAULT 0 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_status_changes" ADD COLUMN "stay_tenths" integer;--> statement-breakpoint
ALTER TABLE "application_status_changes" ADD COLUMN "job_live" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "reached_rank" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "ever_rejected" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "job_live" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "company" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_user_applied_desc_idx" ON "applications" USING btree ("user_id","applied_at" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "applications_user_interview_desc_idx" ON "applications" USING btree ("user_id","next_interview_at" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "jobs_user_posted_desc_idx" ON "jobs" USING btree ("user_id","posted_at" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "jobs_user_salary_max_desc_idx" ON "jobs" USING btree ("user_id","salary_max" DESC NULLS LAST,"id" DESC NULLS FIRST);