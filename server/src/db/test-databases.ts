import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { openDatabase, type Database, type DriverName } from './database.js';
import type { DbScope } from './tenant-scope.js';

/** Tests of one repository run unscoped statements in the default tenant (the server itself refuses them). */
const TEST_FALLBACK: DbScope = { kind: 'tenant', tenantId: DEFAULT_TENANT_ID };

/** A throwaway, migrated database for tests; dispose() drops or deletes everything it made. */
export interface TestDatabase {
  name: DriverName;
  /** The postgres:// URL of the throwaway database (null for PGlite); exists after the first open(). */
  url: string | null;
  /** Opens and migrates (to the migrations in `migrationsFolder` when given, else all). */
  open(options?: { migrationsFolder?: string }): Promise<Database>;
  dispose(): Promise<void>;
}

/** The PostgreSQL server tests use (trust auth); override with RINGSIDE_TEST_PG_URL. */
export const TEST_PG_ADMIN_URL = process.env['RINGSIDE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(text: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database `ringside_t_<random>` on the real server, migrated, dropped on dispose. */
export function postgresTestDatabase(): TestDatabase {
  const dbName = `ringside_t_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${dbName}`;
  const opened: Database[] = [];
  let created = false;
  return {
    name: 'postgres',
    url: url.toString(),
    async open(options = {}) {
      if (!created) {
        await adminQuery(`CREATE DATABASE ${dbName}`);
        created = true;
      }
      const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4, fallbackScope: TEST_FALLBACK });
      opened.push(database);
      await database.migrate(options.migrationsFolder);
      return database;
    },
    async dispose() {
      await Promise.all(opened.map((d) => d.close()));
      if (created) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

/** PGlite in a temp folder (so a test can reopen it), migrated, deleted on dispose. */
export function pgliteTestDatabase(): TestDatabase {
  let dir: string | null = null;
  const opened: Database[] = [];
  return {
    name: 'pglite',
    url: null,
    async open(options = {}) {
      dir ??= await mkdtemp(path.join(os.tmpdir(), 'ringside-pglite-'));
      const database = await openDatabase({ pgliteDir: dir, fallbackScope: TEST_FALLBACK });
      opened.push(database);
      await database.migrate(options.migrationsFolder);
      return database;
    },
    async dispose() {
      for (const d of opened) await d.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Both drivers, for `describe.each(testDatabases())`. */
export function testDatabases(): [DriverName, () => TestDatabase][] {
  return [
    ['postgres', postgresTestDatabase],
    ['pglite', pgliteTestDatabase],
  ];
}
