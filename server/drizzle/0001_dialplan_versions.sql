CREATE TYPE "public"."dialplan_apply_status" AS ENUM('pending', 'applied', 'failed');--> statement-breakpoint
CREATE TABLE "dialplan_draft" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"plan" jsonb NOT NULL,
	"based_on_version" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "dialplan_draft_single_row" CHECK ("dialplan_draft"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "dialplan_versions" (
	"number" integer PRIMARY KEY NOT NULL,
	"plan" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rollback_of" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"apply_status" "dialplan_apply_status" DEFAULT 'pending' NOT NULL,
	"apply_error" text,
	"applied_at" timestamp with time zone,
	CONSTRAINT "dialplan_versions_number_positive" CHECK ("dialplan_versions"."number" >= 1)
);
--> statement-breakpoint
ALTER TABLE "dialplan_draft" ADD CONSTRAINT "dialplan_draft_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialplan_versions" ADD CONSTRAINT "dialplan_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialplan_versions_status_idx" ON "dialplan_versions" USING btree ("apply_status","number");--> statement-breakpoint
-- A published version is history: its content never changes and it is never deleted. Only the
-- apply outcome is written, once, from pending; author_id may still be cleared by its FK.
CREATE FUNCTION "dialplan_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'dial-plan version % is immutable and cannot be deleted', OLD."number" USING ERRCODE = '55000';
	END IF;
	IF NEW."number" IS DISTINCT FROM OLD."number" OR NEW."plan" IS DISTINCT FROM OLD."plan" OR NEW."files" IS DISTINCT FROM OLD."files"
		OR NEW."author_name" IS DISTINCT FROM OLD."author_name" OR NEW."comment" IS DISTINCT FROM OLD."comment"
		OR NEW."rollback_of" IS DISTINCT FROM OLD."rollback_of" OR NEW."created_at" IS DISTINCT FROM OLD."created_at"
		OR (NEW."author_id" IS DISTINCT FROM OLD."author_id" AND NEW."author_id" IS NOT NULL) THEN
		RAISE EXCEPTION 'dial-plan version % is immutable', OLD."number" USING ERRCODE = '55000';
	END IF;
	IF OLD."apply_status" <> 'pending' AND (NEW."apply_status" IS DISTINCT FROM OLD."apply_status" OR NEW."apply_error" IS DISTINCT FROM OLD."apply_error" OR NEW."applied_at" IS DISTINCT FROM OLD."applied_at") THEN
		RAISE EXCEPTION 'dial-plan version % already has its apply outcome', OLD."number" USING ERRCODE = '55000';
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "dialplan_versions_immutable" BEFORE UPDATE OR DELETE ON "dialplan_versions" FOR EACH ROW EXECUTE FUNCTION "dialplan_versions_immutable"();
