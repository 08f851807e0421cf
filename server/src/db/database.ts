import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { schema, type Schema } from './schema.js';
import { translateDbError } from './db-errors.js';
import { createPglite } from './pglite-fresh-cluster.js';
import { asSystem, scopeForStatement, type DbScope } from './tenant-scope.js';
import { scopedPglite, scopedPool } from './scoped-clients.js';

/** The drizzle client both drivers give; repositories use only this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DriverName = 'postgres' | 'pglite';

/** One open database, whichever driver serves it. */
export interface Database {
  readonly db: Db;
  readonly driver: DriverName;
  /** The scope unscoped statements run in (null on the server: they are refused). */
  readonly fallbackScope: DbScope | null;
  /** Applies the committed migrations (idempotent); tests of a data migration pass a folder holding only the earlier ones. */
  migrate(migrationsFolder?: string): Promise<void>;
  /** Round-trips a trivial query; throws DB_UNAVAILABLE when the database does not answer. */
  ping(): Promise<void>;
  /**
   * Runs SQL outside drizzle, for libraries that bring their own (pg-boss): one statement with
   * $n parameters, or several statements without any. Errors are the driver's, untranslated.
   */
  rawSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... uses node-postgres; null/undefined uses PGlite. */
  databaseUrl?: string | null;
  /** Folder PGlite persists to; null keeps PGlite in memory. */
  pgliteDir?: string | null;
  /** Pool size for node-postgres. */
  maxConnections?: number;
  /**
   * The scope of statements run outside any (see tenant-scope.ts). The server passes none, so a
   * code path that forgot its scope fails loudly; tests of one repository pass the default tenant.
   */
  fallbackScope?: DbScope | null;
}

/** The committed SQL migrations (server/drizzle), found relative to this module in src/ and dist/ alike. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Opens PostgreSQL (when a URL is given) or PGlite; does not migrate. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const fallback = options.fallbackScope ?? null;
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.maxConnections ?? 10, fallback) : openPglite(options.pgliteDir ?? null, fallback);
}

async function openPostgres(url: string, max: number, fallback: DbScope | null): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection emits on the pool; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const scoped = scopedPool(pool, () => scopeForStatement(fallback));
  const db = drizzle({ client: scoped as unknown as import('pg').Pool, schema });
  let closed = false;
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    fallbackScope: fallback,
    migrate: (folder = MIGRATIONS_DIR) => asSystem(() => guard(() => migrate(db, { migrationsFolder: folder }))),
    ping: () => asSystem(() => guard(async () => void (await db.execute(sql`select 1`)))),
    // pg-boss's own tables are platform work: always the owner's session, never a tenant's.
    rawSql: async (text, values) => {
      const result = await asSystem(() => scoped.query(text, values));
      // A multi-statement text answers one result per statement; callers read the last.
      const last = (Array.isArray(result) ? result.at(-1) : result) as import('pg').QueryResult | undefined;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function openPglite(dir: string | null, fallback: DbScope | null): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dir) await mkdir(dir, { recursive: true });
  const client = await guard(() => createPglite(PGlite, dir, { fuzzystrmatch }));
  const db = drizzle({ client: scopedPglite(client, () => scopeForStatement(fallback)) as unknown as typeof client, schema });
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    fallbackScope: fallback,
    migrate: (folder = MIGRATIONS_DIR) => asSystem(() => guard(() => migrate(db, { migrationsFolder: folder }))),
    ping: () => asSystem(() => guard(async () => void (await db.execute(sql`select 1`)))),
    rawSql: async (text, values) => {
      if (values && values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
      // The extended protocol takes one statement; pg-boss sends its migrations and locked
      // maintenance as one BEGIN ... COMMIT text, which only exec (simple protocol) runs.
      try {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      } catch (err) {
        // PGlite is one session: a failed BEGIN ... COMMIT text would leave it in an aborted transaction for everyone.
        await client.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw translateDbError(err);
  }
}
