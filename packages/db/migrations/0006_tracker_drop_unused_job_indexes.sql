DROP INDEX "jobs_user_salary_min_idx";--> statement-breakpoint
DROP INDEX "jobs_user_location_idx";