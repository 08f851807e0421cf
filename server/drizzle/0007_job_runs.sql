CREATE TYPE "public"."job_state" AS ENUM('queued', 'active', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"label" text NOT NULL,
	"state" "job_state" DEFAULT 'queued' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"singleton_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_runs_created_idx" ON "job_runs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "job_runs_queue_state_idx" ON "job_runs" USING btree ("queue","state","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_singleton_unique" ON "job_runs" USING btree ("queue","singleton_key") WHERE "job_runs"."singleton_key" IS NOT NULL AND "job_runs"."state" IN ('queued', 'active');