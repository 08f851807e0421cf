import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_TENANT_ID, SESSION_COOKIE } from '@ringside/shared';
import { bulkAddCustomers, countCustomers, hashPassword, openDatabase, SessionRepository, sessionTokenHash, type Database } from '@ringside/server';
import { progress } from './bench-stats.js';

/** The PostgreSQL server of these machines; RINGSIDE_BENCH_PG_URL overrides the admin URL. */
export const BENCH_PG_ADMIN_URL = process.env['RINGSIDE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Versioned with the customer generator: a database seeded by an older generator is not reused. */
export const BENCH_DB_NAME = 'ringside_bench_v2';
export const benchDatabaseUrl = () => {
  const u = new URL(BENCH_PG_ADMIN_URL);
  u.pathname = `/${BENCH_DB_NAME}`;
  return u.toString();
};
/** Fixed so the sessions made here stay valid for the server started with it. */
export const BENCH_SESSION_SECRET = 'ringside-bench-session-secret-0123456789abcdef';

/**
 * The environment of a Ringside server under benchmark: the bench database, a switch at the given
 * AMI and ARI ports with the bench's account, no demo data, no console, quiet logs.
 */
export function benchServerEnv(o: { databaseUrl: string; dataDir: string; amiPort: number; ariPort: number }): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: o.databaseUrl,
    DATA_DIR: o.dataDir,
    SESSION_SECRET: BENCH_SESSION_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    PBX_MODE: 'asterisk',
    AMI_HOST: '127.0.0.1',
    AMI_PORT: String(o.amiPort),
    AMI_USERNAME: 'cti',
    AMI_SECRET: 'cti-secret',
    ARI_URL: `http://127.0.0.1:${o.ariPort}`,
    ARI_PASSWORD: 'cti-secret',
    CONSOLE_DIR: `${o.dataDir}/no-console`,
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Creates the bench database once, migrates it and tops its customers up to `customers` with the
 * seeder the product uses; a rerun that finds enough customers only counts them.
 */
export async function prepareBenchDatabase(customers: number): Promise<{ url: string; customers: number; seededNow: number; seedSeconds: number }> {
  await withClient(BENCH_PG_ADMIN_URL, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB_NAME]);
    if (!rowCount) await c.query(`CREATE DATABASE ${BENCH_DB_NAME}`);
  });
  const url = benchDatabaseUrl();
  const database = await openDatabase({ databaseUrl: url, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
  try {
    await database.migrate();
    const have = await countCustomers(database);
    if (have >= customers) return { url, customers: have, seededNow: 0, seedSeconds: 0 };
    const missing = customers - have;
    progress(`screen-pop: seeding ${missing.toLocaleString('en-US')} customers into ${BENCH_DB_NAME} (kept for reruns)`);
    const started = Date.now();
    let last = 0;
    await bulkAddCustomers(database, {
      count: missing,
      defaultCountry: 'US',
      seed: have + 1,
      onProgress: (done, total) => {
        if (done !== total && Date.now() - last < 2000) return;
        last = Date.now();
        const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
        const bar = '#'.repeat(Math.round((done / total) * 30)).padEnd(30, '.');
        progress(`  seed [${bar}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${Math.round(rate).toLocaleString('en-US')} rows/s ETA ${Math.round((total - done) / Math.max(rate, 1))}s`);
      },
    });
    await withClient(url, (c) => c.query('ANALYZE customers; ANALYZE contact_points'));
    return { url, customers: await countCustomers(database), seededNow: missing, seedSeconds: (Date.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}

/** Agent users `bench-agent-<ext>` bound to PJSIP/<ext>, created in two set-based statements when missing. */
export async function ensureAgents(url: string, extensions: string[]): Promise<Map<string, string>> {
  const passwordHash = await hashPassword(randomBytes(12).toString('base64url'));
  return withClient(url, async (c) => {
    await c.query(
      `INSERT INTO users (username, display_name, role, password_hash)
       SELECT 'bench-agent-' || x, 'Bench Agent ' || x, 'agent', $2 FROM unnest($1::text[]) AS x
       ON CONFLICT (username) DO NOTHING`,
      [extensions, passwordHash],
    );
    await c.query(
      `INSERT INTO agents (user_id, endpoint, extension)
       SELECT u.id, 'PJSIP/' || x, x FROM unnest($1::text[]) AS x JOIN users u ON u.username = 'bench-agent-' || x
       ON CONFLICT DO NOTHING`,
      [extensions],
    );
    const { rows } = await c.query<{ extension: string; user_id: string }>('SELECT a.extension, a.user_id FROM agents a WHERE a.extension = ANY($1::text[])', [extensions]);
    return new Map(rows.map((r) => [r.extension, r.user_id]));
  });
}

/**
 * One login session per user, written through SessionRepository with the token hashed the way
 * AuthService hashes it (HMAC-SHA256 under the session secret): 2,000 scrypt logins would take
 * minutes of CPU and measure nothing this bench is about. Returns the Cookie header per user.
 */
export async function createSessions(url: string, userIds: string[]): Promise<string[]> {
  const database: Database = await openDatabase({ databaseUrl: url, maxConnections: 8, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
  try {
    const repo = new SessionRepository(database);
    const expires = new Date(Date.now() + 6 * 3600_000);
    const cookies: string[] = new Array<string>(userIds.length);
    for (let i = 0; i < userIds.length; i += 100) {
      await Promise.all(
        userIds.slice(i, i + 100).map(async (id, n) => {
          const token = randomBytes(32).toString('base64url');
          await repo.create(sessionTokenHash(BENCH_SESSION_SECRET, token), id, DEFAULT_TENANT_ID, expires);
          cookies[i + n] = `${SESSION_COOKIE}=${token}`;
        }),
      );
    }
    return cookies;
  } finally {
    await database.close();
  }
}

/** Phone numbers (E.164) of existing customers, sampled across the table. */
export async function sampleCallerNumbers(url: string, count: number): Promise<string[]> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ e164: string }>('SELECT e164 FROM contact_points TABLESAMPLE SYSTEM (2) WHERE e164 IS NOT NULL LIMIT $1', [count]);
    return rows.map((r) => r.e164);
  });
}

/** Removes the sessions this bench made (they are the only ones of bench agents). */
export async function dropBenchSessions(url: string): Promise<void> {
  await withClient(url, (c) => c.query(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username LIKE 'bench-agent-%')`));
}
