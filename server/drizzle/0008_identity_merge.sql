CREATE TYPE "public"."identity_candidate_status" AS ENUM('open', 'merged', 'not_duplicate', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."customer_merge_status" AS ENUM('merged', 'undone');--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"status" "customer_merge_status" DEFAULT 'merged' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"moved" jsonb NOT NULL,
	"merged_by" uuid,
	"merged_by_name" text,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" uuid,
	"undone_by_name" text,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"left_id" uuid NOT NULL,
	"right_id" uuid NOT NULL,
	"cluster_key" uuid NOT NULL,
	"score" double precision NOT NULL,
	"decision" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" "identity_candidate_status" DEFAULT 'open' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_candidates_ordered" CHECK ("identity_candidates"."left_id" < "identity_candidates"."right_id")
);
--> statement-breakpoint
CREATE TABLE "identity_match_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text,
	CONSTRAINT "identity_match_settings_single_row" CHECK ("identity_match_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_candidates" ADD CONSTRAINT "identity_candidates_left_id_customers_id_fk" FOREIGN KEY ("left_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_candidates" ADD CONSTRAINT "identity_candidates_right_id_customers_id_fk" FOREIGN KEY ("right_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_merges_survivor_idx" ON "customer_merges" USING btree ("survivor_id","merged_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "customer_merges_merged_idx" ON "customer_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_candidates_pair_unique" ON "identity_candidates" USING btree ("left_id","right_id");--> statement-breakpoint
CREATE INDEX "identity_candidates_queue_idx" ON "identity_candidates" USING btree ("status","score" DESC NULLS LAST,"id");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_into_id_customers_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_merged_into_idx" ON "customers" USING btree ("merged_into_id") WHERE "customers"."merged_into_id" IS NOT NULL;