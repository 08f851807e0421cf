import { APP_ROLE } from './tenant-scope.js';

/** Runs SQL as the tables' owner (Database.rawSql). */
export type CatalogQuery = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * Public tables without a tenant_id column, each with why it has none. Anything else in schema
 * public must carry tenant_id and the tenant policy; pg-boss's schema is the job queue's own and
 * is only ever used as system.
 */
export const PLATFORM_TABLES: Record<string, string> = {
  tenants: 'the tenants themselves: sign-in lists a user\'s tenants before one is chosen; tenant work sees only its own row (0013)',
  users: 'one identity across the tenants a user belongs to (memberships give the role per tenant); tenant work sees only its members (0013)',
};

/**
 * Tables with a tenant_id that the app role may not use at all (no grant), so they need no policy:
 * they are read and written as system only.
 */
export const SYSTEM_ONLY_TABLES: Record<string, string> = {
  sessions: 'resolved before the tenant is known (the session names it) and ended across tenants; token hashes of every tenant must not be readable by tenant work',
};

/**
 * Indexes on tenant tables that do not lead with tenant_id, each with why: lookups by a key that
 * is unique across tenants (a uuid), where a leading tenant_id would only widen the index.
 */
export const INDEX_EXCEPTIONS: Record<string, string> = {
  agents_pkey: 'uuid primary key',
  agents_endpoint_unique: 'switch endpoint names carry the tenant prefix, unique across tenants (the switch is shared)',
  contact_points_pkey: 'uuid primary key',
  contact_points_one_primary_per_kind: 'one primary per kind of a customer (uuid, unique across tenants)',
  contact_points_customer_idx: 'a customer uuid is unique across tenants',
  customer_changes_pkey: 'uuid primary key',
  customer_changes_customer_idx: 'a customer uuid is unique across tenants',
  customer_merges_pkey: 'uuid primary key',
  customer_merges_survivor_idx: 'a customer uuid is unique across tenants',
  customer_merges_merged_idx: 'a customer uuid is unique across tenants',
  customers_pkey: 'uuid primary key',
  customers_merged_into_idx: 'a customer uuid is unique across tenants',
  customers_attributes_idx: 'gin over jsonb attributes, not a btree; the query also filters by tenant through RLS',
  consent_events_pkey: 'uuid primary key',
  consent_events_customer_idx: 'a customer uuid is unique across tenants',
  customer_external_ids_customer_idx: 'a customer uuid is unique across tenants',
  customer_import_errors_import_id_record_position_pk: 'an import uuid is unique across tenants',
  customer_imports_pkey: 'uuid primary key',
  identity_candidates_pkey: 'uuid primary key',
  identity_candidates_pair_unique: 'a pair of customer uuids is unique across tenants',
  interactions_pkey: 'uuid primary key',
  interactions_customer_offered_idx: 'a customer uuid is unique across tenants',
  interactions_agent_offered_idx: 'an agent uuid is unique across tenants',
  interactions_leg_id_unique: 'the switch channel id of a leg; one switch serves all tenants, so it is unique across them',
  interactions_linkedid_idx: 'the switch Linkedid of a call; one switch serves all tenants, so it is unique across them',
  job_runs_pkey: 'uuid primary key',
  job_runs_queue_state_idx: 'the queue worker claims runs across tenants as system',
  party_relationships_pkey: 'uuid primary key',
  party_relationships_from_idx: 'a customer uuid is unique across tenants',
  party_relationships_to_idx: 'a customer uuid is unique across tenants',
  party_relationships_current_unique: 'relationship type and two customer uuids, unique across tenants',
  party_relationships_one_primary: 'one primary relationship of a customer (uuid, unique across tenants)',
  tenant_memberships_user_idx: 'sign-in lists a user\'s memberships across tenants (system)',
};

/** The expression every tenant policy compares tenant_id with (0010). */
const TENANT_EXPR = /tenant_id\s*=\s*\(?\s*NULLIF\(current_setting\('app\.tenant_id'::text,\s*true\),\s*''::text\)\)?::uuid/i;

/** What the catalog says about row-level security; every entry is one problem. */
export interface RlsFindings {
  tables: string[];
  /** Foreign keys between tenant tables that do not include tenant_id (checked without RLS, so they could cross tenants). */
  foreignKeys: string[];
  indexes: string[];
  role: string[];
}

/**
 * Checks the live catalog of a migrated database: every public table with tenant_id has RLS on
 * and one permissive policy for ALL commands whose USING and WITH CHECK compare tenant_id with
 * the transaction's tenant, and no other permissive policy that could widen it; tables without
 * tenant_id are listed platform tables; btree indexes of tenant tables lead with tenant_id unless
 * excepted; the app role cannot bypass RLS and owns nothing (the owner is exempt from its tables'
 * policies unless FORCE is set: because ringside_app never owns a table, FORCE is not needed, and
 * system work runs as the owner on purpose).
 */
export async function checkRowLevelSecurity(query: CatalogQuery): Promise<RlsFindings> {
  const findings: RlsFindings = { tables: [], foreignKeys: [], indexes: [], role: [] };
  const tables = (
    await query(`select c.relname as name, c.relrowsecurity as rls, pg_get_userbyid(c.relowner) as owner,
        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant,
        has_table_privilege('${APP_ROLE}', c.oid, 'SELECT') or has_table_privilege('${APP_ROLE}', c.oid, 'INSERT')
          or has_table_privilege('${APP_ROLE}', c.oid, 'UPDATE') or has_table_privilege('${APP_ROLE}', c.oid, 'DELETE') as granted
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`)
  ).rows as { name: string; rls: boolean; owner: string; has_tenant: boolean; granted: boolean }[];
  const policies = (await query(`select tablename, policyname, permissive, cmd, roles::text as roles, qual, with_check from pg_policies where schemaname = 'public'`)).rows as {
    tablename: string;
    policyname: string;
    permissive: string;
    cmd: string;
    roles: string;
    qual: string | null;
    with_check: string | null;
  }[];
  for (const t of tables) {
    if (t.name === '__drizzle_migrations') continue;
    if (t.owner === APP_ROLE) findings.role.push(`${APP_ROLE} owns ${t.name}: the policies would not bind it`);
    if (!t.has_tenant) {
      if (!(t.name in PLATFORM_TABLES)) findings.tables.push(`${t.name}: no tenant_id and not a listed platform table`);
      // A platform table tenant work may touch still needs its own policy, or a missing WHERE reads every tenant's rows.
      else if (t.granted && (!t.rls || !policies.some((p) => p.tablename === t.name))) findings.tables.push(`${t.name}: platform table open to ${APP_ROLE} without row-level security`);
      continue;
    }
    if (t.name in PLATFORM_TABLES) findings.tables.push(`${t.name}: listed as a platform table but has tenant_id`);
    if (t.name in SYSTEM_ONLY_TABLES) {
      if (t.granted) findings.tables.push(`${t.name}: system-only, yet ${APP_ROLE} has privileges on it`);
      continue;
    }
    if (!t.rls) findings.tables.push(`${t.name}: row-level security is not enabled`);
    const own = policies.filter((p) => p.tablename === t.name && p.permissive === 'PERMISSIVE');
    const tenantPolicy = own.find((p) => p.cmd === 'ALL' && TENANT_EXPR.test(p.qual ?? '') && TENANT_EXPR.test(p.with_check ?? ''));
    if (!tenantPolicy) findings.tables.push(`${t.name}: no policy for ALL commands with USING and WITH CHECK on tenant_id`);
    // Permissive policies are OR-ed: any other one could let rows of other tenants through.
    for (const p of own) if (p !== tenantPolicy) findings.tables.push(`${t.name}: extra permissive policy ${p.policyname} (${p.cmd}) widens the tenant policy`);
  }
  findings.tables.push(...Object.keys(PLATFORM_TABLES).filter((n) => !tables.some((t) => t.name === n)).map((n) => `${n}: listed as a platform table but does not exist`));
  findings.tables.push(...Object.keys(SYSTEM_ONLY_TABLES).filter((n) => !tables.some((t) => t.name === n)).map((n) => `${n}: listed as system-only but does not exist`));

  const fks = (
    await query(`select con.conname as name, src.relname as table_name, dst.relname as target,
        (select array_agg(a.attname::text order by a.attname) from pg_attribute a where a.attrelid = con.conrelid and a.attnum = any(con.conkey)) as columns,
        exists (select 1 from pg_attribute a where a.attrelid = con.confrelid and a.attname = 'tenant_id' and not a.attisdropped) as target_has_tenant
      from pg_constraint con join pg_class src on src.oid = con.conrelid join pg_class dst on dst.oid = con.confrelid
        join pg_namespace n on n.oid = src.relnamespace
      where con.contype = 'f' and n.nspname = 'public' order by con.conname`)
  ).rows as { name: string; table_name: string; target: string; columns: string[]; target_has_tenant: boolean }[];
  for (const fk of fks) {
    if (fk.target_has_tenant && !fk.columns.includes('tenant_id')) findings.foreignKeys.push(`${fk.name}: ${fk.table_name}(${fk.columns.join(', ')}) -> ${fk.target} without tenant_id`);
  }

  const indexes = (
    await query(`select i.relname as name, t.relname as table_name, am.amname as method,
        (select a.attname from pg_attribute a where a.attrelid = t.oid and a.attnum = x.indkey[0]) as first_column
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        join pg_namespace n on n.oid = t.relnamespace join pg_am am on am.oid = i.relam
      where n.nspname = 'public'
        and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and not a.attisdropped)
      order by i.relname`)
  ).rows as { name: string; table_name: string; method: string; first_column: string | null }[];
  for (const ix of indexes) {
    if (ix.table_name in SYSTEM_ONLY_TABLES) continue;
    const leads = ix.method === 'btree' && ix.first_column === 'tenant_id';
    if (!leads && !(ix.name in INDEX_EXCEPTIONS)) findings.indexes.push(`${ix.name} on ${ix.table_name}: does not lead with tenant_id`);
    if (leads && ix.name in INDEX_EXCEPTIONS) findings.indexes.push(`${ix.name}: excepted but leads with tenant_id (drop the exception)`);
  }
  findings.indexes.push(...Object.keys(INDEX_EXCEPTIONS).filter((n) => !indexes.some((i) => i.name === n)).map((n) => `${n}: excepted but no such index`));

  const [role] = (await query(`select rolbypassrls, rolsuper from pg_roles where rolname = '${APP_ROLE}'`)).rows as { rolbypassrls: boolean; rolsuper: boolean }[];
  if (!role) findings.role.push(`role ${APP_ROLE} does not exist`);
  else {
    if (role.rolbypassrls) findings.role.push(`${APP_ROLE} has BYPASSRLS`);
    if (role.rolsuper) findings.role.push(`${APP_ROLE} is a superuser`);
  }
  return findings;
}
