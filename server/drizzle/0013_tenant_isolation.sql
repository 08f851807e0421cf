-- Isolation beyond the policies (issue 22).
-- 1. Foreign keys are checked without row-level security, so a tenant could insert a row naming another
--    tenant's customer (the check finds it). Each foreign key between tenant tables now includes tenant_id:
--    the referenced row must be the same tenant's. SET NULL names its column so tenant_id stays.
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_id_unique" UNIQUE ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_tenant_id_id_unique" UNIQUE ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_tenant_id_id_unique" UNIQUE ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "contact_points" DROP CONSTRAINT "contact_points_customer_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_tenant_customer_id_fk" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "interactions" DROP CONSTRAINT "interactions_customer_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_tenant_customer_id_fk" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE SET NULL ("customer_id") ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "interactions" DROP CONSTRAINT "interactions_agent_id_agents_id_fk";--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_tenant_agent_id_fk" FOREIGN KEY ("tenant_id", "agent_id") REFERENCES "public"."agents"("tenant_id", "id") ON DELETE SET NULL ("agent_id") ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "party_relationships" DROP CONSTRAINT "party_relationships_from_party_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "party_relationships" ADD CONSTRAINT "party_relationships_tenant_from_party_id_fk" FOREIGN KEY ("tenant_id", "from_party_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "party_relationships" DROP CONSTRAINT "party_relationships_to_party_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "party_relationships" ADD CONSTRAINT "party_relationships_tenant_to_party_id_fk" FOREIGN KEY ("tenant_id", "to_party_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "customer_external_ids" DROP CONSTRAINT "customer_external_ids_customer_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "customer_external_ids" ADD CONSTRAINT "customer_external_ids_tenant_customer_id_fk" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "customer_import_errors" DROP CONSTRAINT "customer_import_errors_import_id_customer_imports_id_fk";--> statement-breakpoint
ALTER TABLE "customer_import_errors" ADD CONSTRAINT "customer_import_errors_tenant_import_id_fk" FOREIGN KEY ("tenant_id", "import_id") REFERENCES "public"."customer_imports"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "identity_candidates" DROP CONSTRAINT "identity_candidates_left_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "identity_candidates" ADD CONSTRAINT "identity_candidates_tenant_left_id_fk" FOREIGN KEY ("tenant_id", "left_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "identity_candidates" DROP CONSTRAINT "identity_candidates_right_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "identity_candidates" ADD CONSTRAINT "identity_candidates_tenant_right_id_fk" FOREIGN KEY ("tenant_id", "right_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_merged_into_id_customers_id_fk";--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_merged_into_id_fk" FOREIGN KEY ("tenant_id", "merged_into_id") REFERENCES "public"."customers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;--> statement-breakpoint
-- An agent (a phone) is one of the tenant's members: users are global, so a plain user_id could name another tenant's user.
ALTER TABLE "agents" DROP CONSTRAINT "agents_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_tenant_member_fk" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "public"."tenant_memberships"("tenant_id", "user_id") ON DELETE CASCADE ON UPDATE NO ACTION;--> statement-breakpoint
-- 2. Sessions hold the token hashes of every tenant's users and are resolved before a tenant is known:
--    only system work (the owner) uses them, so the app role gets no privilege at all.
REVOKE ALL ON "sessions" FROM ringside_app;--> statement-breakpoint
-- 3. Users are one identity across tenants (no tenant_id), but tenant work sees only its own members:
--    the membership subquery is itself confined to the transaction's tenant by its policy. Inserting is
--    allowed (an admin adds a user, then the membership, in one transaction); nobody deletes as a tenant.
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_members_read" ON "users" FOR SELECT USING (EXISTS (SELECT 1 FROM "tenant_memberships" m WHERE m."user_id" = "users"."id"));--> statement-breakpoint
CREATE POLICY "tenant_members_update" ON "users" FOR UPDATE USING (EXISTS (SELECT 1 FROM "tenant_memberships" m WHERE m."user_id" = "users"."id")) WITH CHECK (EXISTS (SELECT 1 FROM "tenant_memberships" m WHERE m."user_id" = "users"."id"));--> statement-breakpoint
CREATE POLICY "tenant_adds_user" ON "users" FOR INSERT WITH CHECK (true);--> statement-breakpoint
-- 4. A tenant sees and changes only its own row of tenants (its name, limits); the operator's work is system.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "own_tenant" ON "tenants" USING ("id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("id" = nullif(current_setting('app.tenant_id', true), '')::uuid);