import { sql } from 'drizzle-orm';
import { DEFAULT_TENANT_ID, RingsideError } from '@ringside/shared';
import type { Database } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { rowsOf } from '../db/rows.js';
import { asSystem } from '../db/tenant-scope.js';
import type { JobContext, JobHandler } from '../jobs/job-queue.js';
import type { TenantRepository } from './tenant-repository.js';

/** Data of a tenants.delete job. */
export interface TenantDeleteData {
  tenantId: string;
}

/** A tenant's stored files (the import files today), removed with it. */
export interface TenantFiles {
  removeTenant(tenantId: string): Promise<void>;
}

/**
 * Orders tables so each comes before every table it references: deleting in this order never
 * trips a foreign key. A self-reference is ignored (one DELETE removes both ends); a cycle between
 * two tables is a schema change this purge cannot order, so it refuses rather than guess.
 */
export function deletionOrder(tables: readonly string[], references: readonly { child: string; parent: string }[]): string[] {
  const inSet = new Set(tables);
  const referencedBy = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const { child, parent } of references) if (child !== parent && inSet.has(child) && inSet.has(parent)) referencedBy.get(parent)?.add(child);
  const ordered: string[] = [];
  const done = new Set<string>();
  let left = [...tables].sort();
  while (left.length > 0) {
    const ready = left.filter((t) => [...(referencedBy.get(t) ?? [])].every((c) => done.has(c)));
    if (ready.length === 0) throw new RingsideError('INTERNAL', `tenant purge: foreign keys form a cycle among ${left.join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      done.add(t);
    }
    left = left.filter((t) => !done.has(t));
  }
  return ordered;
}

/**
 * Removes every row and file of one tenant. The tables are read from the catalogue (every table
 * of the public schema with a tenant_id column), not from a list kept by hand: a table added
 * later is purged too, and the deletion test checks the same catalogue. Platform work, as system.
 */
export class TenantPurge {
  constructor(
    private readonly database: Database,
    private readonly tenants: Pick<TenantRepository, 'get' | 'delete'>,
    private readonly files: TenantFiles,
    /** Told after the tenants row is gone (the switch's tenant list, caches). */
    private readonly onDeleted?: (tenantId: string) => void,
  ) {}

  /** The tenant-owned tables, in an order that deletes referencing rows first. */
  async tables(): Promise<string[]> {
    return asSystem(() =>
      dbCall('list tenant tables', async () => {
        const tables = rowsOf<{ name: string }>(
          await this.database.db.execute(sql`SELECT c.relname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relname <> 'tenants'`),
        ).map((r) => r.name);
        const references = rowsOf<{ child: string; parent: string }>(
          await this.database.db.execute(sql`SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
            JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
            WHERE k.contype = 'f' AND n.nspname = 'public'`),
        );
        return deletionOrder(tables, references);
      }),
    );
  }

  /** Rows the tenant still has, per table (zero tables left out): what the deletion test asserts empty. */
  async remainingRows(tenantId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of await this.tables()) {
      const n = await asSystem(() => dbCall('count tenant rows', async () => Number(rowsOf<{ n: number }>(await this.database.db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId}`))[0]?.n ?? 0)));
      if (n > 0) out[table] = n;
    }
    return out;
  }

  /**
   * Deletes the tenant's rows table by table (one transaction each, so a retry after a crash
   * resumes where it stopped), then its files, then the tenants row. Only a tenant marked
   * 'deleting' is purged: a stray job cannot empty a live tenant.
   */
  async purge(tenantId: string, context?: Pick<JobContext, 'progress' | 'signal'>): Promise<void> {
    if (tenantId === DEFAULT_TENANT_ID) throw new RingsideError('FORBIDDEN', 'the default tenant cannot be deleted');
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) return;
    if (tenant.status !== 'deleting') throw new RingsideError('ILLEGAL_TRANSITION', `tenant ${tenant.slug} is ${tenant.status}, not being deleted`);
    const tables = await this.tables();
    const steps = tables.length + 2;
    for (const [i, table] of tables.entries()) {
      if (context?.signal.aborted) throw new RingsideError('INTERNAL', 'tenant purge stopped; the retry resumes it');
      await context?.progress(i, steps, `deleting ${table}`);
      await asSystem(() =>
        dbCall(`purge ${table}`, () =>
          this.database.db.transaction(async (tx) => {
            // The append-only triggers (0012) let this one tenant's rows go, in this transaction only.
            await tx.execute(sql`SELECT set_config('ringside.purge_tenant_id', ${tenantId}, true)`);
            await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId}`);
          }),
        ),
      );
    }
    await context?.progress(tables.length, steps, 'deleting files');
    await this.files.removeTenant(tenantId);
    await context?.progress(tables.length + 1, steps, 'deleting the tenant');
    await this.tenants.delete(tenantId);
    await context?.progress(steps, steps, 'deleted');
    this.onDeleted?.(tenantId);
  }
}

/** The worker of the tenants.delete queue. */
export function tenantDeleteJob(purge: TenantPurge): JobHandler<TenantDeleteData> {
  return (data, context) => purge.purge(data.tenantId, context);
}
