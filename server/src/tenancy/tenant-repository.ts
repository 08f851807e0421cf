import { asc, eq, sql } from 'drizzle-orm';
import type { TenantLimits, TenantStatus, TenantSummary } from '@ringside/shared';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { iso } from '../db/rows.js';
import { tenants } from '../db/schema-tenancy.js';
import { asSystem } from '../db/tenant-scope.js';

type TenantRow = typeof tenants.$inferSelect;

function toSummary(r: TenantRow): TenantSummary {
  return { id: r.id, slug: r.slug, name: r.name, status: r.status, switchPrefix: r.switchPrefix, limits: r.limits, createdAt: iso(r.createdAt) ?? '' };
}

/** The tenants table: platform rows, read and written as system (the operator's work, sign-in, the switch). */
export class TenantRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  list(): Promise<TenantSummary[]> {
    return asSystem(() => dbCall('list tenants', async () => (await this.db.select().from(tenants).orderBy(asc(tenants.name), asc(tenants.id))).map(toSummary)));
  }

  get(id: string): Promise<TenantSummary | null> {
    return asSystem(() =>
      dbCall('get tenant', async () => {
        const [row] = await this.db.select().from(tenants).where(eq(tenants.id, id));
        return row ? toSummary(row) : null;
      }),
    );
  }

  create(input: { slug: string; name: string; limits: TenantLimits }): Promise<TenantSummary> {
    return asSystem(() =>
      dbCall('create tenant', async () => {
        const [row] = await this.db.insert(tenants).values({ slug: input.slug, name: input.name, switchPrefix: input.slug, limits: input.limits }).returning();
        return toSummary(row as TenantRow);
      }),
    );
  }

  /** The limits of a tenant (every limit check reads them), or null for an unknown tenant. */
  async limitsOf(id: string): Promise<TenantLimits | null> {
    return (await this.get(id))?.limits ?? null;
  }

  /** Removes the tenants row; the tenant's own rows must be gone first (the purge job). */
  delete(id: string): Promise<void> {
    return asSystem(() => dbCall('delete tenant', async () => void (await this.db.delete(tenants).where(eq(tenants.id, id)))));
  }

  update(id: string, patch: { name?: string; status?: TenantStatus; limits?: TenantLimits }): Promise<TenantSummary | null> {
    return asSystem(() =>
      dbCall('update tenant', async () => {
        const [row] = await this.db
          .update(tenants)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(eq(tenants.id, id))
          .returning();
        return row ? toSummary(row) : null;
      }),
    );
  }
}
