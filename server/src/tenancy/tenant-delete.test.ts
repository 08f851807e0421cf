import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_TENANT_ID, TENANT_DELETE_QUEUE, UNLIMITED } from '@ringside/shared';
import { UserRepository } from '../auth/user-repository.js';
import { ImportFiles } from '../crm/customers/import/import-files.js';
import type { Database } from '../db/database.js';
import { testDatabases, type TestDatabase } from '../db/test-databases.js';
import { asSystem, inTenant } from '../db/tenant-scope.js';
import { PgBossJobQueue } from '../jobs/pg-boss-job-queue.js';
import { eventually } from '../http/test-server.js';
import { createLogger } from '../logger.js';
import { TenantPurge, tenantDeleteJob } from './tenant-purge.js';
import { TenantRepository } from './tenant-repository.js';
import { TenantService } from './tenant-service.js';

jest.setTimeout(120_000);

/**
 * One row (or two) in every tenant-owned table for one tenant, written as system with the tenant
 * named: the deletion test fills two tenants with it and checks that every table the catalogue
 * lists got a row, so a table added later without a line here fails that test instead of being
 * silently left out of it.
 */
async function fillTenant(database: Database, tenantId: string, userId: string, tag: string): Promise<void> {
  // Candidates name their pair in order (identity_candidates_ordered).
  const [c1, c2] = [randomUUID(), randomUUID()].sort();
  const [imp, agent] = [randomUUID(), randomUUID()];
  const rows: [string, unknown[]][] = [
    [`INSERT INTO customers (id, tenant_id, kind, first_name, last_name) VALUES ($2, $1, 'person', 'Ann', $4), ($3, $1, 'person', 'Ben', $4)`, [c1, c2, tag]],
    [`INSERT INTO contact_points (tenant_id, customer_id, kind, value) VALUES ($1, $2, 'phone', '+14155550100')`, [c1]],
    [`INSERT INTO customer_changes (tenant_id, customer_id, entity, action) VALUES ($1, $2, 'customer', 'created')`, [c1]],
    [`INSERT INTO consent_events (tenant_id, address_kind, address, channel, purpose, state, occurred_at, method, actor) VALUES ($1, 'phone', '+14155550100', 'voice', 'service', 'granted', now(), 'agent', 'test')`, []],
    [`INSERT INTO party_relationships (tenant_id, type, from_party_id, to_party_id) VALUES ($1, 'household_member', $2, $3)`, [c1, c2]],
    [`INSERT INTO attribute_definitions (tenant_id, key, label, type) VALUES ($1, 'tier', 'Tier', 'text')`, []],
    [`INSERT INTO customer_merges (tenant_id, survivor_id, merged_id, snapshot, moved) VALUES ($1, $2, $3, '{}', '{}')`, [c1, c2]],
    [`INSERT INTO identity_candidates (tenant_id, left_id, right_id, cluster_key, score, decision, evidence) VALUES ($1, $2, $3, $4, 0.9, 'review', '{}')`, [c1, c2, randomUUID()]],
    [`INSERT INTO identity_match_settings (tenant_id, settings) VALUES ($1, '{}')`, []],
    // An agent is a member of its tenant (foreign key, 0013): the membership first.
    [`INSERT INTO tenant_memberships (tenant_id, user_id, role) VALUES ($1, $2, 'agent')`, [userId]],
    [`INSERT INTO agents (id, tenant_id, user_id, endpoint, extension) VALUES ($2, $1, $3, $4, '1001')`, [agent, userId, `PJSIP/${tag}-1001`]],
    [`INSERT INTO interactions (tenant_id, customer_id, agent_id, direction, leg_id, offered_at, talk_seconds) VALUES ($1, $2, $3, 'inbound', $4, now(), 120)`, [c1, agent, `${tag}-leg-1`]],
    [`INSERT INTO dialplan_draft (tenant_id, plan) VALUES ($1, '{}')`, []],
    [`INSERT INTO dialplan_versions (tenant_id, number, plan, files, author_name) VALUES ($1, 1, '{}', '{}', 'test')`, []],
    [`INSERT INTO customer_imports (id, tenant_id, source, file_name, bytes, sha256) VALUES ($2, $1, 'crm', 'f.csv', 1, 'x')`, [imp]],
    [`INSERT INTO customer_import_errors (tenant_id, import_id, record, position, code, message) VALUES ($1, $2, 1, 0, 'X', 'm')`, [imp]],
    [`INSERT INTO customer_external_ids (tenant_id, source, external_id, customer_id) VALUES ($1, 'crm', $3, $2)`, [c1, `${tag}-e1`]],
    [`INSERT INTO import_mappings (tenant_id, source, mapping) VALUES ($1, 'crm', '{}')`, []],
    [`INSERT INTO job_runs (id, tenant_id, queue, label) VALUES ($2, $1, 'q', 'l')`, [randomUUID()]],
    [`INSERT INTO sessions (token_hash, tenant_id, user_id, expires_at) VALUES ($2, $1, $3, now() + interval '1 day')`, [`${tag}-${randomUUID()}`, userId]],
  ];
  for (const [text, values] of rows) await database.rawSql(text, [tenantId, ...values]);
}

describe.each(testDatabases())('deleting a tenant on %s', (_driver, make) => {
  let handle: TestDatabase;
  let database: Database;
  let dir: string;
  let files: ImportFiles;
  let tenants: TenantRepository;
  let purge: TenantPurge;
  let queue: PgBossJobQueue;
  let service: TenantService;
  const ended: string[] = [];

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-purge-'));
    files = new ImportFiles(dir, 1_000_000);
    tenants = new TenantRepository(database);
    purge = new TenantPurge(database, tenants, files);
    queue = new PgBossJobQueue({ database, logger: createLogger('silent'), pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, stopTimeoutMs: 5_000 });
    await queue.work(TENANT_DELETE_QUEUE, tenantDeleteJob(purge));
    const users = new UserRepository(database);
    service = new TenantService({ tenants, users, jobs: queue, sessions: { endTenantSessions: async (id) => void ended.push(id) } });
  }, 60_000);
  afterAll(async () => {
    await queue.stop();
    await handle.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Rows of a tenant per tenant-owned table, as system. */
  async function rowsOfTenant(tenantId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of await purge.tables()) out[table] = Number((await database.rawSql(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [tenantId])).rows[0]?.['n']);
    return out;
  }

  it('removes every row and file of the tenant and nothing of another, through the job', async () => {
    const a = await tenants.create({ slug: 'acme', name: 'Acme', limits: UNLIMITED });
    const b = await tenants.create({ slug: 'beta', name: 'Beta', limits: UNLIMITED });
    const user = await new UserRepository(database).create({ username: 'both', displayName: 'Both', passwordHash: 'x' });
    await fillTenant(database, a.id, user.id, 'a');
    await fillTenant(database, b.id, user.id, 'b');
    const csv = () => Readable.from([Buffer.from('Id,Name\n1,Ann\n')]);
    await inTenant(a.id, () => files.save('11111111-1111-4111-8111-111111111111', csv()));
    await inTenant(b.id, () => files.save('22222222-2222-4222-8222-222222222222', csv()));

    const before = await rowsOfTenant(b.id);
    // Every tenant-owned table the catalogue knows has a row of B: the test covers them all.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const aBefore = await rowsOfTenant(a.id);

    const { tenant, jobId } = await service.delete(b.id, null);
    expect(tenant.status).toBe('deleting');
    expect(ended).toEqual([b.id]);
    const run = await eventually('the deletion job', async () => {
      // The deletion is platform work: its run is nobody's tenant's, seen as system.
      const r = await asSystem(() => queue.runs.get(jobId));
      return r && ['completed', 'failed'].includes(r.state) ? r : null;
    });
    expect(run).toMatchObject({ state: 'completed' });

    expect(await purge.remainingRows(b.id)).toEqual({});
    expect(Object.values(await rowsOfTenant(b.id)).every((n) => n === 0)).toBe(true);
    expect(await tenants.get(b.id)).toBeNull();
    expect(await readdir(dir)).toEqual([a.id]);
    expect(await rowsOfTenant(a.id)).toEqual(aBefore);
    expect(await tenants.get(a.id)).toMatchObject({ status: 'active' });
    expect(await inTenant(a.id, () => files.bytesUsed(a.id))).toBeGreaterThan(0);
    // The user stays (another tenant still has them), only the membership of B went.
    expect((await database.rawSql('SELECT count(*)::int AS n FROM tenant_memberships WHERE user_id = $1', [user.id])).rows[0]?.['n']).toBe(1);
  });

  it('keeps the ledger append-only for every other tenant even while a purge runs', async () => {
    const c = await tenants.create({ slug: 'gamma', name: 'Gamma', limits: UNLIMITED });
    const user = await new UserRepository(database).create({ username: 'gamma-user', displayName: 'G', passwordHash: 'x' });
    await fillTenant(database, c.id, user.id, 'c');
    // The purge setting names another tenant: this one's ledger still refuses the delete.
    await expect(
      asSystem(() =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT set_config('ringside.purge_tenant_id', ${DEFAULT_TENANT_ID}, true)`);
          await tx.execute(sql`DELETE FROM consent_events WHERE tenant_id = ${c.id}`);
        }),
      ),
    ).rejects.toThrow();
    // And a purge of a tenant not marked for deletion is refused: a stray job empties nothing.
    await expect(purge.purge(c.id)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await rowsOfTenant(c.id))['consent_events']).toBe(1);
  });

  it('refuses to delete the default tenant', async () => {
    await expect(service.delete(DEFAULT_TENANT_ID, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
