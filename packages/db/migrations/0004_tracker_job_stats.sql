CREATE TABLE "tracker_job_stats" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"applications" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "jobs_user_salary_min_idx";--> statement-breakpoint
DROP INDEX "jobs_user_location_idx";