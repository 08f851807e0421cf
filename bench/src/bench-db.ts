import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_TENANT_ID, SESSION_COOKIE } from '@ringside/shared';
import { bulkAddCustomers, countCustomers, hashPassword, inTenant, openDatabase, SessionRepository, sessionTokenHash, type Database } from '@ringside/server';
import { progress } from './bench-stats.js';

/** The PostgreSQL server of these machines; RINGSIDE_BENCH_PG_URL overrides the admin URL. */
export const BENCH_PG_ADMIN_URL = process.env['RINGSIDE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Versioned with the customer generator: a database seeded by an older generator is not reused. */
export const BENCH_DB_NAME = 'ringside_bench_v2';
/** The tenant layout is part of the cache key: N tenants live in their own database, `<name>_t<N>`. */
export const benchDatabaseName = (tenants = 0) => (tenants > 0 ? `${BENCH_DB_NAME}_t${tenants}` : BENCH_DB_NAME);
export const benchDatabaseUrl = (tenants = 0) => {
  const u = new URL(BENCH_PG_ADMIN_URL);
  u.pathname = `/${benchDatabaseName(tenants)}`;
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

/** One tenant of the bench database: the default tenant, or one of `--tenants N` (`bench-t01`, switch prefix `t01`). */
export interface BenchTenant {
  id: string;
  slug: string;
  switchPrefix: string;
  customers: number;
}

/** The bench database as prepared: its URL, its tenants and their customers. */
export interface BenchDatabase {
  url: string;
  customers: number;
  tenants: BenchTenant[];
  seededNow: number;
  seedSeconds: number;
}

const DEFAULT_BENCH_TENANT = { id: DEFAULT_TENANT_ID, slug: 'default', switchPrefix: '' };

/** The `--tenants N` tenants (created when missing), in order; none for the default layout. */
async function ensureBenchTenants(url: string, count: number): Promise<Array<Omit<BenchTenant, 'customers'>>> {
  if (count === 0) return [DEFAULT_BENCH_TENANT];
  return withClient(url, async (c) => {
    await c.query(
      `INSERT INTO tenants (slug, name, switch_prefix)
       SELECT 'bench-t' || lpad(i::text, 2, '0'), 'Bench tenant ' || i, 't' || lpad(i::text, 2, '0') FROM generate_series(1, $1::int) AS i
       ON CONFLICT DO NOTHING`,
      [count],
    );
    const { rows } = await c.query<{ id: string; slug: string; switch_prefix: string }>(
      `SELECT id, slug, switch_prefix FROM tenants WHERE slug = ANY(SELECT 'bench-t' || lpad(i::text, 2, '0') FROM generate_series(1, $1::int) AS i) ORDER BY slug`,
      [count],
    );
    if (rows.length !== count) throw new Error(`expected ${count} bench tenants, found ${rows.length}`);
    return rows.map((r) => ({ id: r.id, slug: r.slug, switchPrefix: r.switch_prefix }));
  });
}

/**
 * Creates the bench database once, migrates it and tops its customers up to `customers` with the
 * seeder the product uses; a rerun that finds enough customers only counts them. With `tenants`
 * > 0 the customers are spread evenly over that many tenants (each seeded inside its own tenant
 * scope, so every row carries its tenant_id as the product writes it) in a database of that layout.
 */
export async function prepareBenchDatabase(customers: number, tenantCount = 0): Promise<BenchDatabase> {
  const name = benchDatabaseName(tenantCount);
  await withClient(BENCH_PG_ADMIN_URL, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${name}`);
  });
  const url = benchDatabaseUrl(tenantCount);
  const database = await openDatabase({ databaseUrl: url, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
  try {
    await database.migrate();
    const tenants = await ensureBenchTenants(url, tenantCount);
    const perTenant = Math.ceil(customers / tenants.length);
    const have = await Promise.all(tenants.map((t) => inTenant(t.id, () => countCustomers(database))));
    const missing = have.map((n) => Math.max(0, perTenant - n));
    const total = missing.reduce((a, b) => a + b, 0);
    const started = Date.now();
    if (total > 0) {
      progress(`seeding ${total.toLocaleString('en-US')} customers into ${name} over ${tenants.length} tenant(s) (kept for reruns)`);
      let before = 0;
      let last = 0;
      for (const [i, t] of tenants.entries()) {
        if ((missing[i] ?? 0) === 0) continue;
        // Each tenant its own generator stream, so tenants do not share customers (the default layout keeps its seeds).
        const seed = (tenantCount > 0 ? (i + 1) * 50_000_000 : 0) + (have[i] ?? 0) + 1;
        await inTenant(t.id, () =>
          bulkAddCustomers(database, {
            count: missing[i] ?? 0,
            defaultCountry: 'US',
            seed,
            onProgress: (d, n) => {
              if (d !== n && Date.now() - last < 2000) return;
              last = Date.now();
              const done = before + d;
              const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
              const bar = '#'.repeat(Math.round((done / total) * 30)).padEnd(30, '.');
              progress(`  seed [${bar}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${Math.round(rate).toLocaleString('en-US')} rows/s ETA ${Math.round((total - done) / Math.max(rate, 1))}s`);
            },
          }),
        );
        before += missing[i] ?? 0;
      }
      await withClient(url, (c) => c.query('ANALYZE customers; ANALYZE contact_points'));
    }
    const counts = total > 0 ? await Promise.all(tenants.map((t) => inTenant(t.id, () => countCustomers(database)))) : have;
    return {
      url,
      customers: counts.reduce((a, b) => a + b, 0),
      tenants: tenants.map((t, i) => ({ ...t, customers: counts[i] ?? 0 })),
      seededNow: total,
      seedSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await database.close();
  }
}

/**
 * Agent users `bench-agent-<ext>` bound to PJSIP/<ext>, each a member (role agent) of its tenant
 * (`tenantIds[i]`, default tenant when absent), created in set-based statements when missing.
 * The rows name their tenant: these statements run as the owner, outside any tenant scope.
 */
export async function ensureAgents(url: string, extensions: string[], tenantIds?: string[]): Promise<Map<string, string>> {
  const passwordHash = await hashPassword(randomBytes(12).toString('base64url'));
  const tenants = extensions.map((_, i) => tenantIds?.[i] ?? DEFAULT_TENANT_ID);
  return withClient(url, async (c) => {
    await c.query(
      `INSERT INTO users (username, display_name, password_hash)
       SELECT 'bench-agent-' || x, 'Bench Agent ' || x, $2 FROM unnest($1::text[]) AS x
       ON CONFLICT (username) DO NOTHING`,
      [extensions, passwordHash],
    );
    const pairs = `unnest($1::text[], $2::uuid[]) AS a(x, t) JOIN users u ON u.username = 'bench-agent-' || a.x`;
    await c.query(`INSERT INTO tenant_memberships (tenant_id, user_id, role) SELECT a.t, u.id, 'agent' FROM ${pairs} ON CONFLICT DO NOTHING`, [extensions, tenants]);
    await c.query(`INSERT INTO agents (tenant_id, user_id, endpoint, extension) SELECT a.t, u.id, 'PJSIP/' || a.x, a.x FROM ${pairs} ON CONFLICT DO NOTHING`, [extensions, tenants]);
    const { rows } = await c.query<{ extension: string; user_id: string; tenant_id: string }>('SELECT a.extension, a.user_id, a.tenant_id FROM agents a WHERE a.extension = ANY($1::text[])', [extensions]);
    const wanted = new Map(extensions.map((e, i) => [e, tenants[i]]));
    const wrong = rows.filter((r) => wanted.get(r.extension) !== r.tenant_id);
    if (wrong.length > 0) throw new Error(`${wrong.length} bench agents belong to another tenant than this layout's (e.g. ${wrong[0]?.extension})`);
    return new Map(rows.map((r) => [r.extension, r.user_id]));
  });
}

/**
 * One login session per user, written through SessionRepository with the token hashed the way
 * AuthService hashes it (HMAC-SHA256 under the session secret): 2,000 scrypt logins would take
 * minutes of CPU and measure nothing this bench is about. Returns the Cookie header per user.
 */
export async function createSessions(url: string, userIds: string[], tenantIds?: string[]): Promise<string[]> {
  const database: Database = await openDatabase({ databaseUrl: url, maxConnections: 8, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
  try {
    const repo = new SessionRepository(database);
    const expires = new Date(Date.now() + 6 * 3600_000);
    const cookies: string[] = new Array<string>(userIds.length);
    for (let i = 0; i < userIds.length; i += 100) {
      await Promise.all(
        userIds.slice(i, i + 100).map(async (id, n) => {
          const token = randomBytes(32).toString('base64url');
          await repo.create(sessionTokenHash(BENCH_SESSION_SECRET, token), id, tenantIds?.[i + n] ?? DEFAULT_TENANT_ID, expires);
          cookies[i + n] = `${SESSION_COOKIE}=${token}`;
        }),
      );
    }
    return cookies;
  } finally {
    await database.close();
  }
}

/** Phone numbers (E.164) of existing customers, sampled across the table; with a tenant, of that tenant's customers only. */
export async function sampleCallerNumbers(url: string, count: number, tenantId?: string): Promise<string[]> {
  return withClient(url, async (c) => {
    const { rows } = tenantId
      ? await c.query<{ e164: string }>('SELECT e164 FROM contact_points TABLESAMPLE SYSTEM (5) WHERE e164 IS NOT NULL AND tenant_id = $2 LIMIT $1', [count, tenantId])
      : await c.query<{ e164: string }>('SELECT e164 FROM contact_points TABLESAMPLE SYSTEM (2) WHERE e164 IS NOT NULL LIMIT $1', [count]);
    return rows.map((r) => r.e164);
  });
}

/** Removes the sessions this bench made (they are the only ones of bench agents). */
export async function dropBenchSessions(url: string): Promise<void> {
  await withClient(url, (c) => c.query(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username LIKE 'bench-agent-%')`));
}

/**
 * The PGlite counterpart of the bench database, for the comparisons that run on both drivers:
 * a folder under the temp dir (kept for reruns, named by the generator's version), migrated and
 * topped up to `customers` of the default tenant with the same seeder. Returns it open.
 */
export async function preparePgliteBench(customers: number): Promise<{ database: Database; dir: string; customers: number }> {
  const dir = path.join(os.tmpdir(), `${BENCH_DB_NAME}_pglite`);
  const database = await openDatabase({ pgliteDir: dir, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
  try {
    await database.migrate();
    const have = await countCustomers(database);
    if (have < customers) {
      progress(`seeding ${(customers - have).toLocaleString('en-US')} customers into PGlite at ${dir} (kept for reruns)`);
      await bulkAddCustomers(database, { count: customers - have, defaultCountry: 'US', seed: have + 1 });
      await database.rawSql('ANALYZE customers');
      await database.rawSql('ANALYZE contact_points');
    }
    return { database, dir, customers: await countCustomers(database) };
  } catch (err) {
    await database.close();
    throw err;
  }
}
