import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { translateDbError } from './db-errors.js';
import { APP_ROLE, type DbScope } from './tenant-scope.js';

// The driver edge of tenancy: drizzle gets these in place of the pool / PGlite instance, and every
// statement runs in the scope of the work that issued it (tenant-scope.ts). Repositories stay
// unaware: they write plain SQL and row-level security keeps each tenant's rows to itself.

const SET_TENANT = `select set_config('role', $1, $3), set_config('app.tenant_id', $2, $3)`;
const SET_SYSTEM = `select set_config('role', 'none', false), set_config('app.tenant_id', '', false)`;

function stateKey(scope: DbScope): string {
  return scope.kind === 'tenant' ? scope.tenantId : 'system';
}

/**
 * node-postgres: role and tenant are set on the session of each pooled connection (one round trip,
 * only when the connection last served another scope), before it runs a statement or a drizzle
 * transaction. Drizzle recognises a pool by its class name (it must contain "Pool").
 */
class ScopedPool {
  private readonly states = new WeakMap<PoolClient, string>();

  constructor(
    private readonly pool: Pool,
    private readonly scope: () => DbScope,
  ) {}

  async connect(): Promise<PoolClient> {
    const scope = this.scope();
    const client = await this.pool.connect();
    const key = stateKey(scope);
    if (this.states.get(client) === key) return client;
    try {
      if (scope.kind === 'tenant') await client.query(SET_TENANT, [APP_ROLE, scope.tenantId, false]);
      else await client.query(SET_SYSTEM);
    } catch (err) {
      // A connection in an unknown state must not serve anyone else.
      client.release(err instanceof Error ? err : true);
      throw translateDbError(err, 'choose the tenant');
    }
    this.states.set(client, key);
    return client;
  }

  async query(config: string | QueryConfig, values?: unknown[]): Promise<unknown> {
    const client = await this.connect();
    try {
      return await client.query(config as QueryConfig, values);
    } finally {
      client.release();
    }
  }
}

/** The pool drizzle and pg-boss's raw SQL use, scoping every statement. */
export function scopedPool(pool: Pool, scope: () => DbScope): ScopedPool {
  return new ScopedPool(pool, scope);
}

type QueryArgs = Parameters<PGlite['query']>;

/**
 * PGlite is one session shared by all callers, so a tenant's statement runs in its own transaction
 * with SET LOCAL role and tenant (PGlite serialises transactions); system statements run as they are.
 */
export function scopedPglite(client: PGlite, scope: () => DbScope) {
  const enter = async (tx: Transaction, s: DbScope) => {
    if (s.kind === 'tenant') await tx.query(SET_TENANT, [APP_ROLE, s.tenantId, true]);
  };
  return {
    query: async (...args: QueryArgs) => {
      const s = scope();
      if (s.kind === 'system') return client.query(...args);
      return client.transaction(async (tx) => {
        await enter(tx, s);
        return tx.query(...args);
      });
    },
    transaction: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      const s = scope();
      return client.transaction(async (tx) => {
        await enter(tx, s);
        return work(tx);
      });
    },
    exec: (...args: Parameters<PGlite['exec']>) => client.exec(...args),
    get closed() {
      return client.closed;
    },
  };
}
