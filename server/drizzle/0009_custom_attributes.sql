-- dmetaphone for the duplicate check's name blocking; fuzzystrmatch is a trusted extension (PostgreSQL 13+) and PGlite bundles it.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;--> statement-breakpoint
CREATE TYPE "public"."attribute_type" AS ENUM('text', 'number', 'date', 'choice');--> statement-breakpoint
CREATE TABLE "attribute_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"type" "attribute_type" NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_attributes_idx" ON "customers" USING gin ("attributes" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "customers_name_sound_idx" ON "customers" USING btree (dmetaphone("last_name"),dmetaphone("first_name"));--> statement-breakpoint
CREATE INDEX "customers_name_sound_swapped_idx" ON "customers" USING btree (dmetaphone("first_name"),dmetaphone("last_name"));