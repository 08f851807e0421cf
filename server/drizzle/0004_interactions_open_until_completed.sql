CREATE TYPE "public"."interaction_closed_by" AS ENUM('call', 'recovery');--> statement-breakpoint
CREATE TYPE "public"."interaction_status" AS ENUM('open', 'completed');--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "status" "interaction_status" DEFAULT 'completed' NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "closed_by" "interaction_closed_by";--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "interactions_open_idx" ON "interactions" USING btree ("status") WHERE "interactions"."status" = 'open';--> statement-breakpoint
-- Every row written before this migration was written when its call ended.
UPDATE "interactions" SET "closed_by" = 'call' WHERE "closed_by" IS NULL;