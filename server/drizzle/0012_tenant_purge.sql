-- Deleting a tenant (the platform operator's tenants.delete job) removes every row of the tenant,
-- the append-only history included: the records are the departing customer's and go with it.
-- The sanctioned way past the append-only triggers is the transaction-local setting
-- ringside.purge_tenant_id, naming the ONE tenant being purged; rows of any other tenant, and every
-- update, stay refused. Only the purge job sets it (server/src/tenancy/tenant-purge.ts).
CREATE OR REPLACE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."tenant_id"::text = current_setting('ringside.purge_tenant_id', true) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'consent_events is append-only' USING ERRCODE = 'P0001';
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "customer_changes_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."tenant_id"::text = current_setting('ringside.purge_tenant_id', true) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'customer_changes is append-only';
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dialplan_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF OLD."tenant_id"::text = current_setting('ringside.purge_tenant_id', true) THEN
			RETURN OLD;
		END IF;
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
$$;
