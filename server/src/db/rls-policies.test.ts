import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { DEFAULT_TENANT_ID } from '@ringside/shared';
import type { Database } from './database.js';
import { rowsOf } from './rows.js';
import { inTenant } from './tenant-scope.js';
import { checkRowLevelSecurity } from './rls-catalog.js';
import { testDatabases, type TestDatabase } from './test-databases.js';

describe.each(testDatabases())('row-level security in the catalog (%s)', (_name, make) => {
  let t: TestDatabase;
  let database: Database;
  const query = (text: string) => database.rawSql(text);

  beforeAll(async () => {
    t = make();
    database = await t.open();
  }, 120_000);
  afterAll(() => t?.dispose(), 30_000);

  it('after the migrations every tenant table has its policy, every other table is a listed platform table, and tenant indexes lead with tenant_id', async () => {
    expect(await checkRowLevelSecurity(query)).toEqual({ tables: [], foreignKeys: [], indexes: [], role: [] });
  });

  it("the customer search's prefix functions are LEAKPROOF, so its conditions stay index conditions under the policies (0014)", async () => {
    const { rows } = await query(`select proname, proleakproof from pg_proc where oid in ('pg_catalog.lower(text)'::regprocedure, 'pg_catalog.textlike(text,text)'::regprocedure) order by proname`);
    expect(rows).toEqual([{ proname: 'lower', proleakproof: true }, { proname: 'textlike', proleakproof: true }]);
    // As the app role in a tenant, a last-name prefix search reads the (tenant_id, lower(last_name)) index with
    // both conditions in it (seq scans off: the test tables are too small for the planner to prefer an index).
    const plan = await inTenant(DEFAULT_TENANT_ID, () =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const r = await tx.execute(sql`explain select id from customers c where lower(c.last_name) like 'jo%' and c.merged_into_id is null order by lower(c.last_name) using ~<~, c.id limit 10`);
        return rowsOf<{ 'QUERY PLAN': string }>(r).map((l) => l['QUERY PLAN']).join('\n');
      }),
    );
    expect(plan).toMatch(/Index Cond: \(\(tenant_id = .*\) AND \(lower\(last_name\) ~>=~ 'jo'::text\)/s);
  });

  it('the app role cannot bypass the policies and owns no table', async () => {
    const { rows } = await query(`select rolbypassrls, rolsuper, (select count(*)::int from pg_class c where c.relowner = r.oid) as owned from pg_roles r where rolname = 'ringside_app'`);
    expect(rows).toEqual([{ rolbypassrls: false, rolsuper: false, owned: 0 }]);
  });

  it('when a new table has tenant_id but no policy, or a tenant table gets a second permissive policy, or an index does not lead with the tenant, the check names it', async () => {
    await query(`create table isolation_probe (id uuid primary key, tenant_id uuid not null, label text)`);
    await query(`create index isolation_probe_label_idx on isolation_probe (label, tenant_id)`);
    await query(`create table isolation_platform_probe (id uuid primary key)`);
    await query(`alter table isolation_probe add column customer_id uuid references customers (id)`);
    await query(`create policy everyone on customers for select using (true)`);
    try {
      const findings = await checkRowLevelSecurity(query);
      expect(findings.tables).toEqual([
        'customers: extra permissive policy everyone (SELECT) widens the tenant policy',
        'isolation_platform_probe: no tenant_id and not a listed platform table',
        'isolation_probe: row-level security is not enabled',
        'isolation_probe: no policy for ALL commands with USING and WITH CHECK on tenant_id',
      ]);
      expect(findings.foreignKeys).toEqual(['isolation_probe_customer_id_fkey: isolation_probe(customer_id) -> customers without tenant_id']);
      expect(findings.indexes).toEqual(['isolation_probe_label_idx on isolation_probe: does not lead with tenant_id', 'isolation_probe_pkey on isolation_probe: does not lead with tenant_id']);
      // A policy that forgets WITH CHECK's tenant (a tenant could write rows into another) is no policy.
      await query(`alter table isolation_probe enable row level security`);
      await query(`create policy tenant_isolation on isolation_probe using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (true)`);
      expect((await checkRowLevelSecurity(query)).tables).toContain('isolation_probe: no policy for ALL commands with USING and WITH CHECK on tenant_id');
    } finally {
      await query(`drop policy everyone on customers`);
      await query(`drop table isolation_probe`);
      await query(`drop table isolation_platform_probe`);
    }
    expect(await checkRowLevelSecurity(query)).toEqual({ tables: [], foreignKeys: [], indexes: [], role: [] });
  });
});
