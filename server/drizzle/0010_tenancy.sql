-- Tenancy. Every tenant-owned table gets tenant_id; rows from before belong to the default tenant.
CREATE TYPE "public"."tenant_status" AS ENUM('active', 'suspended', 'deleting');--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"status" "tenant_status" DEFAULT 'active' NOT NULL,
	"switch_prefix" text NOT NULL,
	"limits" jsonb DEFAULT '{"agents":null,"concurrentCalls":null,"storageMb":null,"messagesPerDay":null}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
INSERT INTO "tenants" ("id", "slug", "name", "switch_prefix") VALUES ('00000000-0000-4000-8000-000000000001', 'default', 'Default', '');--> statement-breakpoint
-- The new columns' default reads the transaction's tenant: for this migration, the default tenant (local to the migration's transaction).
SELECT set_config('app.tenant_id', '00000000-0000-4000-8000-000000000001', true);--> statement-breakpoint
CREATE TABLE "tenant_memberships" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_memberships_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);--> statement-breakpoint
ALTER TABLE "agents" DROP CONSTRAINT "agents_user_id_unique";--> statement-breakpoint
ALTER TABLE "agents" DROP CONSTRAINT "agents_extension_unique";--> statement-breakpoint
DROP INDEX "consent_events_address_idx";--> statement-breakpoint
DROP INDEX "consent_events_source_key_unique";--> statement-breakpoint
DROP INDEX "contact_points_e164_idx";--> statement-breakpoint
DROP INDEX "contact_points_value_lower_idx";--> statement-breakpoint
DROP INDEX "contact_points_email_lower_idx";--> statement-breakpoint
DROP INDEX "customers_name_sound_idx";--> statement-breakpoint
DROP INDEX "customers_name_sound_swapped_idx";--> statement-breakpoint
DROP INDEX "customers_first_name_lower_idx";--> statement-breakpoint
DROP INDEX "customers_last_name_lower_idx";--> statement-breakpoint
DROP INDEX "customers_org_name_lower_idx";--> statement-breakpoint
DROP INDEX "customers_company_lower_idx";--> statement-breakpoint
DROP INDEX "customers_email_lower_idx";--> statement-breakpoint
DROP INDEX "customers_first_last_lower_idx";--> statement-breakpoint
DROP INDEX "customers_last_first_lower_idx";--> statement-breakpoint
DROP INDEX "customers_created_idx";--> statement-breakpoint
DROP INDEX "dialplan_versions_status_idx";--> statement-breakpoint
DROP INDEX "identity_candidates_queue_idx";--> statement-breakpoint
DROP INDEX "interactions_open_idx";--> statement-breakpoint
DROP INDEX "customer_imports_created_idx";--> statement-breakpoint
DROP INDEX "job_runs_created_idx";--> statement-breakpoint
DROP INDEX "job_runs_singleton_unique";--> statement-breakpoint
ALTER TABLE "customer_external_ids" DROP CONSTRAINT "customer_external_ids_source_external_id_pk";--> statement-breakpoint
ALTER TABLE "attribute_definitions" DROP CONSTRAINT "attribute_definitions_pkey";--> statement-breakpoint
ALTER TABLE "dialplan_draft" DROP CONSTRAINT "dialplan_draft_pkey";--> statement-breakpoint
ALTER TABLE "dialplan_versions" DROP CONSTRAINT "dialplan_versions_pkey";--> statement-breakpoint
ALTER TABLE "identity_match_settings" DROP CONSTRAINT "identity_match_settings_pkey";--> statement-breakpoint
ALTER TABLE "import_mappings" DROP CONSTRAINT "import_mappings_pkey";--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "attribute_definitions" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_points" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_changes" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "dialplan_draft" ADD COLUMN "tenant_id" uuid PRIMARY KEY DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "dialplan_versions" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_candidates" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_match_settings" ADD COLUMN "tenant_id" uuid PRIMARY KEY DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "party_relationships" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "tenant_id" uuid DEFAULT '00000000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "tenant_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "platform_operator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_external_ids" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_import_errors" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_imports" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL;--> statement-breakpoint
-- Platform jobs have no tenant; the session purges and prunes recorded so far were such jobs.
ALTER TABLE "job_runs" ADD COLUMN "tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid;--> statement-breakpoint
ALTER TABLE "tenant_memberships" ADD CONSTRAINT "tenant_memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_memberships" ADD CONSTRAINT "tenant_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_memberships_user_idx" ON "tenant_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_unique" ON "tenants" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_switch_prefix_unique" ON "tenants" USING btree ("switch_prefix");--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribute_definitions" ADD CONSTRAINT "attribute_definitions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_changes" ADD CONSTRAINT "customer_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialplan_draft" ADD CONSTRAINT "dialplan_draft_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialplan_versions" ADD CONSTRAINT "dialplan_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_candidates" ADD CONSTRAINT "identity_candidates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_match_settings" ADD CONSTRAINT "identity_match_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_relationships" ADD CONSTRAINT "party_relationships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_external_ids" ADD CONSTRAINT "customer_external_ids_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_import_errors" ADD CONSTRAINT "customer_import_errors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agents_tenant_user_unique" ON "agents" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_tenant_extension_unique" ON "agents" USING btree ("tenant_id","extension");--> statement-breakpoint
CREATE INDEX "consent_events_address_idx" ON "consent_events" USING btree ("tenant_id","address","channel","purpose","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "consent_events_source_key_unique" ON "consent_events" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "contact_points_e164_idx" ON "contact_points" USING btree ("tenant_id","e164");--> statement-breakpoint
CREATE INDEX "contact_points_value_lower_idx" ON "contact_points" USING btree ("tenant_id",lower("value") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contact_points_email_lower_idx" ON "contact_points" USING btree ("tenant_id","email_lower");--> statement-breakpoint
CREATE INDEX "customers_name_sound_idx" ON "customers" USING btree ("tenant_id",dmetaphone("last_name"),dmetaphone("first_name"));--> statement-breakpoint
CREATE INDEX "customers_name_sound_swapped_idx" ON "customers" USING btree ("tenant_id",dmetaphone("first_name"),dmetaphone("last_name"));--> statement-breakpoint
CREATE INDEX "customers_first_name_lower_idx" ON "customers" USING btree ("tenant_id",lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_last_name_lower_idx" ON "customers" USING btree ("tenant_id",lower("last_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_org_name_lower_idx" ON "customers" USING btree ("tenant_id",lower("organisation_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_company_lower_idx" ON "customers" USING btree ("tenant_id",lower("company") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_email_lower_idx" ON "customers" USING btree ("tenant_id",lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_first_last_lower_idx" ON "customers" USING btree ("tenant_id",lower("first_name") text_pattern_ops,lower("last_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_last_first_lower_idx" ON "customers" USING btree ("tenant_id",lower("last_name") text_pattern_ops,lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dialplan_versions_status_idx" ON "dialplan_versions" USING btree ("tenant_id","apply_status","number");--> statement-breakpoint
CREATE INDEX "identity_candidates_queue_idx" ON "identity_candidates" USING btree ("tenant_id","status","score" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "interactions_open_idx" ON "interactions" USING btree ("tenant_id","status") WHERE "interactions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "customer_imports_created_idx" ON "customer_imports" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "job_runs_created_idx" ON "job_runs" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_singleton_unique" ON "job_runs" USING btree ("tenant_id","queue","singleton_key") WHERE "job_runs"."singleton_key" IS NOT NULL AND "job_runs"."state" IN ('queued', 'active');--> statement-breakpoint
ALTER TABLE "attribute_definitions" ADD CONSTRAINT "attribute_definitions_tenant_id_key_pk" PRIMARY KEY("tenant_id","key");--> statement-breakpoint
ALTER TABLE "dialplan_versions" ADD CONSTRAINT "dialplan_versions_tenant_id_number_pk" PRIMARY KEY("tenant_id","number");--> statement-breakpoint
ALTER TABLE "customer_external_ids" ADD CONSTRAINT "customer_external_ids_tenant_id_source_external_id_pk" PRIMARY KEY("tenant_id","source","external_id");--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_tenant_id_source_pk" PRIMARY KEY("tenant_id","source");--> statement-breakpoint
-- Each user's role moves into a membership of the default tenant (users.role is dropped by the next migration).
INSERT INTO "tenant_memberships" ("tenant_id", "user_id", "role") SELECT '00000000-0000-4000-8000-000000000001', "id", "role" FROM "users";--> statement-breakpoint
-- The role the application's tenant-scoped work runs as: not the tables' owner and without BYPASSRLS,
-- so the policies below bind it. Roles are per cluster: several databases on one server share it.
DO $$
BEGIN
  CREATE ROLE ringside_app NOLOGIN NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
-- SET ROLE needs membership unless the migrating user is a superuser.
DO $$
BEGIN
  EXECUTE format('GRANT ringside_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ringside_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ringside_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ringside_app;--> statement-breakpoint
-- Tables of later migrations are granted too; each still needs its own policy (a test checks).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ringside_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ringside_app;--> statement-breakpoint
ALTER TABLE "agents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agents" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "attribute_definitions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "attribute_definitions" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "consent_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "consent_events" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "contact_points" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "contact_points" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customer_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_changes" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customer_merges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_merges" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customers" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "dialplan_draft" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dialplan_draft" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "dialplan_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dialplan_versions" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "identity_candidates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "identity_candidates" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "identity_match_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "identity_match_settings" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "interactions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "interactions" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "party_relationships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "party_relationships" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customer_external_ids" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_external_ids" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customer_import_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_import_errors" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "customer_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_imports" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "import_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "import_mappings" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "job_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "job_runs" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "tenant_memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "tenant_memberships" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
SELECT set_config('app.tenant_id', '', true);