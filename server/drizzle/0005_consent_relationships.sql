CREATE TYPE "public"."address_kind" AS ENUM('phone', 'email');--> statement-breakpoint
CREATE TYPE "public"."consent_channel" AS ENUM('voice', 'sms', 'email');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('agent', 'inbound_sms_keyword', 'import', 'web_form', 'api', 'dnc_list');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('service', 'marketing');--> statement-breakpoint
CREATE TYPE "public"."consent_state" AS ENUM('granted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."relationship_type" AS ENUM('employee_of', 'contact_of', 'household_member', 'subsidiary_of', 'referred_by');--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address_kind" "address_kind" NOT NULL,
	"address" text NOT NULL,
	"contact_point_id" uuid,
	"customer_id" uuid,
	"channel" "consent_channel" NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"state" "consent_state" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" "consent_method" NOT NULL,
	"actor" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_key" text
);
--> statement-breakpoint
CREATE TABLE "party_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "relationship_type" NOT NULL,
	"from_party_id" uuid NOT NULL,
	"to_party_id" uuid NOT NULL,
	"job_title" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_relationships_not_self" CHECK ("party_relationships"."from_party_id" <> "party_relationships"."to_party_id"),
	CONSTRAINT "party_relationships_dates" CHECK ("party_relationships"."valid_to" IS NULL OR "party_relationships"."valid_to" >= "party_relationships"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "party_relationships" ADD CONSTRAINT "party_relationships_from_party_id_customers_id_fk" FOREIGN KEY ("from_party_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_relationships" ADD CONSTRAINT "party_relationships_to_party_id_customers_id_fk" FOREIGN KEY ("to_party_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_address_idx" ON "consent_events" USING btree ("address","channel","purpose","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "consent_events_customer_idx" ON "consent_events" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_events_source_key_unique" ON "consent_events" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "party_relationships_from_idx" ON "party_relationships" USING btree ("from_party_id");--> statement-breakpoint
CREATE INDEX "party_relationships_to_idx" ON "party_relationships" USING btree ("to_party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_relationships_current_unique" ON "party_relationships" USING btree ("type","from_party_id","to_party_id") WHERE "party_relationships"."valid_to" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "party_relationships_one_primary" ON "party_relationships" USING btree ("to_party_id") WHERE "party_relationships"."is_primary" AND "party_relationships"."valid_to" IS NULL;--> statement-breakpoint
-- The ledger is append-only: a correction is a new event, never an edit of an old one.
CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_events is append-only' USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_events_no_change BEFORE UPDATE OR DELETE ON "consent_events" FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();
