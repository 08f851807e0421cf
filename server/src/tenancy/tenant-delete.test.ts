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
import { createLogger } from '../logger.js';
import { fillTenant } from './tenant-fixture.js';
import { TenantPurge, tenantDeleteJob } from './tenant-purge.js';
import { TenantRepository } from './tenant-repository.js';
import { TenantService } from './tenant-service.js';

jest.setTimeout(120_000);

async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
