CREATE TYPE "public"."contact_purpose" AS ENUM('home', 'work', 'billing', 'shipping');--> statement-breakpoint
CREATE TYPE "public"."contact_source" AS ENUM('agent', 'import', 'api', 'web', 'sms');--> statement-breakpoint
CREATE TYPE "public"."org_size_band" AS ENUM('1-9', '10-49', '50-249', '250-999', '1000+');--> statement-breakpoint
CREATE TYPE "public"."phone_type" AS ENUM('mobile', 'landline', 'unknown');--> statement-breakpoint
ALTER TYPE "public"."contact_kind" ADD VALUE 'address';--> statement-breakpoint
CREATE TABLE "customer_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid,
	"action" text NOT NULL,
	"field" text,
	"old_value" jsonb,
	"new_value" jsonb,
	"changed_by" uuid,
	"changed_by_name" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "email_lower" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "phone_type" "phone_type";--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "address_lines" jsonb;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "purpose" "contact_purpose" DEFAULT 'home' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "is_primary" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "source" "contact_source" DEFAULT 'agent' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "salutation" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "trading_name" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "registration_number" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "size_band" "org_size_band";--> statement-breakpoint
CREATE INDEX "customer_changes_customer_idx" ON "customer_changes" USING btree ("customer_id","changed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contact_points_email_lower_idx" ON "contact_points" USING btree ("email_lower");--> statement-breakpoint
-- Existing data: the customer's email column becomes an email contact point when no contact point holds it yet.
INSERT INTO "contact_points" ("customer_id", "kind", "value", "position", "source")
SELECT c."id", 'email', c."email", 1000, 'import' FROM "customers" c
WHERE c."email" IS NOT NULL AND c."email" <> ''
  AND NOT EXISTS (SELECT 1 FROM "contact_points" p WHERE p."customer_id" = c."id" AND p."kind" = 'email' AND lower(p."value") = lower(c."email"));--> statement-breakpoint
UPDATE "contact_points" SET "email_lower" = lower(trim("value")) WHERE "kind" = 'email';--> statement-breakpoint
-- Phone types need libphonenumber's metadata: the server fills them on the next write; until then unknown.
UPDATE "contact_points" SET "phone_type" = 'unknown' WHERE "kind" IN ('phone', 'sms');--> statement-breakpoint
-- Purpose from the old free-text label; an organisation's numbers are work numbers.
UPDATE "contact_points" p SET "purpose" = CASE
  WHEN lower(coalesce(p."label", '')) LIKE '%work%' OR lower(coalesce(p."label", '')) LIKE '%office%' THEN 'work'::"contact_purpose"
  WHEN lower(coalesce(p."label", '')) LIKE '%billing%' THEN 'billing'::"contact_purpose"
  WHEN EXISTS (SELECT 1 FROM "customers" c WHERE c."id" = p."customer_id" AND c."kind" = 'organisation') THEN 'work'::"contact_purpose"
  ELSE 'home'::"contact_purpose" END;--> statement-breakpoint
-- The first phone (the one agents dial) and the first email of each customer become primary.
UPDATE "contact_points" p SET "is_primary" = true FROM (
  SELECT DISTINCT ON ("customer_id", "kind") "id" FROM "contact_points"
  WHERE "kind" IN ('phone', 'email', 'sms') ORDER BY "customer_id", "kind", "position", "created_at", "id"
) f WHERE p."id" = f."id";--> statement-breakpoint
-- The history is append-only: corrections are new rows, never edits of old ones.
CREATE FUNCTION "customer_changes_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer_changes is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "customer_changes_no_update_or_delete" BEFORE UPDATE OR DELETE ON "customer_changes"
  FOR EACH ROW EXECUTE FUNCTION "customer_changes_append_only"();--> statement-breakpoint
CREATE UNIQUE INDEX "contact_points_one_primary_per_kind" ON "contact_points" USING btree ("customer_id","kind") WHERE "contact_points"."is_primary";