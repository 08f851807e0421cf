import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createRandom, createServer, loadConfig } from '@ringside/server';
import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { BENCH_SESSION_SECRET, createSessions, ensureAgents, prepareBenchDatabase, preparePgliteBench } from './bench-db.js';
import { captureSearches, measureRlsOverhead, rlsChart, rlsReport, type CapturedSearch, type RlsOverhead } from './rls-overhead.js';
import { barChart, writeChart } from './chart.js';
import { loadAverage, progress, quantile } from './bench-stats.js';

/** Latency of one kind of typeahead query. */
export interface SearchFigures {
  kind: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** What the customer-search bench measured. */
export interface CustomerSearchResult {
  customers: number;
  queries: number;
  p50: number;
  p99: number;
  byKind: SearchFigures[];
  tenants: number;
  /** The same searches' statements with the policies enforced and as the owner with the tenant condition in the SQL. */
  rls: RlsOverhead;
  /** The comparison on PGlite (`--pglite-customers N`), else null. */
  pglite: { customers: number; rls: RlsOverhead } | null;
}

/**
 * The captured statements replayed on PGlite, in its default tenant (the statements carry only
 * the tenant as a parameter, so they run there unchanged). PGlite runs in this process and reads
 * a whole tenant far more slowly, so only the first 50 searches (10 of each kind) are replayed.
 */
async function rlsOnPglite(customers: number, captured: CapturedSearch[], rounds: number): Promise<{ customers: number; rls: RlsOverhead }> {
  const lite = await preparePgliteBench(customers);
  try {
    progress(`customer-search: RLS comparison on PGlite (${lite.customers.toLocaleString('en-US')} customers)`);
    const searches = captured.slice(0, 50).map((c) => ({ ...c, tenantId: DEFAULT_TENANT_ID }));
    return { customers: lite.customers, rls: await measureRlsOverhead({ pglite: lite.database }, searches, rounds) };
  } finally {
    await lite.database.close();
  }
}

/** One typeahead query and the tenant it is typed in. */
interface Term {
  kind: string;
  q: string;
  tenantId: string;
}

/** What an agent types into the search box, sampled from real rows: 2–5 letters of a name, a mail prefix, part of a number. */
async function sampleTerms(url: string, perKind: number, seed: number): Promise<Term[]> {
  const rnd = createRandom(seed);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Sampled as the owner, across tenants; each term is searched in the tenant of the row it came from.
    // A 1 % sample of a small table can come back empty: then the first rows stand in.
    const sample = async <T extends pg.QueryResultRow>(sql: (from: string) => string): Promise<T[]> => {
      const sampled = await c.query<T>(sql('TABLESAMPLE SYSTEM (1)'));
      return sampled.rows.length >= 100 ? sampled.rows : (await c.query<T>(sql(''))).rows;
    };
    const rows = await sample<{ first_name: string | null; last_name: string | null; organisation_name: string | null; email: string | null; tenant_id: string }>(
      (ts) => `SELECT first_name, last_name, organisation_name, email, tenant_id FROM customers ${ts} LIMIT 20000`,
    );
    const phones = await sample<{ value: string; tenant_id: string }>((ts) => `SELECT value, tenant_id FROM contact_points ${ts} WHERE kind = 'phone' LIMIT 5000`);
    const terms: Term[] = [];
    const prefix = (s: string, min: number, max: number) => s.slice(0, min + Math.floor(rnd() * (max - min + 1)));
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)] as T;
    const people = rows.filter((r) => r.last_name);
    const orgs = rows.filter((r) => r.organisation_name);
    const mails = rows.filter((r) => r.email);
    for (let i = 0; i < perKind; i++) {
      const p = pick(people);
      const [org, mail, phone] = [pick(orgs), pick(mails), pick(phones)];
      terms.push({ kind: 'family name, 2-5 letters', q: prefix(p.last_name ?? '', 2, 5), tenantId: p.tenant_id });
      terms.push({ kind: 'given + family', q: `${p.first_name ?? ''} ${prefix(p.last_name ?? '', 1, 4)}`, tenantId: p.tenant_id });
      terms.push({ kind: 'organisation, 3-6 letters', q: prefix(org.organisation_name ?? '', 3, 6), tenantId: org.tenant_id });
      terms.push({ kind: 'email prefix', q: prefix(mail.email ?? '', 4, 10), tenantId: mail.tenant_id });
      terms.push({ kind: 'phone as typed', q: phone.value, tenantId: phone.tenant_id });
    }
    // Interleave the kinds so machine noise spreads over all of them.
    for (let i = terms.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [terms[i], terms[j]] = [terms[j] as Term, terms[i] as Term];
    }
    return terms;
  } finally {
    await c.end();
  }
}

/**
 * Typeahead as the console sends it (GET /api/customers?q=…&limit=10) against a server on the
 * bench database, one query at a time, timed from request to parsed reply.
 */
export async function runCustomerSearch(opts: { customers?: number; runs?: number; tenants?: number; rlsRounds?: number; pgliteCustomers?: number } = {}): Promise<CustomerSearchResult> {
  const db = await prepareBenchDatabase(opts.customers ?? 1_000_000, opts.tenants ?? 0);
  progress(`customer-search: ${db.customers.toLocaleString('en-US')} customers over ${db.tenants.length} tenant(s) in ${db.url}`);
  // One searching user per tenant (`bench-agent-9001`, `-9002`, ...), each signed in to their tenant.
  const exts = db.tenants.map((_, i) => String(9001 + i));
  const userIds = await ensureAgents(db.url, exts, db.tenants.map((t) => t.id));
  const sessionCookies = await createSessions(db.url, exts.map((e) => userIds.get(e) as string), db.tenants.map((t) => t.id));
  const cookieOf = new Map(db.tenants.map((t, i) => [t.id, sessionCookies[i] as string]));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-search-'));
  const server = createServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, SESSION_SECRET: BENCH_SESSION_SECRET, SEED_DEMO: 'false', LOG_LEVEL: 'warn', PBX_MODE: 'none', CONSOLE_DIR: `${dataDir}/none` }),
  );
  try {
    const { port } = await server.start();
    const terms = await sampleTerms(db.url, opts.runs ?? 400, 11);
    const ask = async ({ q, tenantId }: Term) => {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/customers?q=${encodeURIComponent(q)}&limit=10`, { headers: { cookie: cookieOf.get(tenantId) as string } });
      await res.json();
      if (res.status !== 200) throw new Error(`search ${q} answered ${res.status}`);
      return performance.now() - t0;
    };
    // Warm the pool, the plans and the page cache the way a morning's first searches do.
    for (const t of terms.slice(0, 100)) await ask(t);
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    for (const t of terms) {
      const ms = await ask(t);
      all.push(ms);
      byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), ms]);
    }
    const figures: SearchFigures[] = [...byKind.entries()].map(([kind, l]) => ({ kind, count: l.length, p50: quantile(l, 0.5), p99: quantile(l, 0.99), max: Math.max(...l) }));
    // Row-level security's cost: the same searches' statements, replayed with and without the policies.
    progress(`customer-search: RLS comparison, capturing the statements of ${terms.length} searches`);
    const captured = await captureSearches(server.parts().customers, terms);
    const rls = await measureRlsOverhead({ databaseUrl: db.url }, captured, opts.rlsRounds ?? 2);
    const pglite = opts.pgliteCustomers ? await rlsOnPglite(opts.pgliteCustomers, captured, opts.rlsRounds ?? 2) : null;
    const result: CustomerSearchResult = { customers: db.customers, queries: all.length, p50: quantile(all, 0.5), p99: quantile(all, 0.99), byKind: figures, tenants: db.tenants.length, rls, pglite };
    console.log(`customer-search: ${db.customers.toLocaleString('en-US')} customers in ${db.tenants.length} tenant(s), ${all.length} typeahead queries one at a time (${loadAverage()})`);
    for (const f of figures) console.log(`  ${f.kind.padEnd(26)} p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, max ${f.max.toFixed(1)} ms (${f.count})`);
    console.log(`  all: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms (target p99 <= 20 ms) ${result.p99 <= 20 ? 'met' : 'MISSED'}`);
    console.log(rlsReport(rls));
    if (pglite) console.log(`  the same on PGlite (${pglite.customers.toLocaleString('en-US')} customers of the default tenant, the first ${pglite.rls.searches} searches):\n${rlsReport(pglite.rls)}`);
    // The default layout keeps its chart names; a tenant layout writes its own next to them.
    const suffix = db.tenants.length > 1 ? `-t${db.tenants.length}` : '';
    await writeChart(
      `customer-search${suffix}`,
      barChart(`customer-search: typeahead p99 on ${db.customers.toLocaleString('en-US')} customers`, 'query', 'p99 ms', figures.map((f) => ({ label: f.kind, value: Number(f.p99.toFixed(2)) }))),
    );
    console.log(`  chart: ${await writeChart(`customer-search-rls${suffix}`, rlsChart(rls, db.customers, db.tenants.length))}`);
    return result;
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
