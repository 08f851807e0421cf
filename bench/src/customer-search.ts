import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createRandom, createServer, loadConfig } from '@ringside/server';
import { BENCH_SESSION_SECRET, createSessions, ensureAgents, prepareBenchDatabase } from './bench-db.js';
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
}

/** What an agent types into the search box, sampled from real rows: 2–5 letters of a name, a mail prefix, part of a number. */
async function sampleTerms(url: string, perKind: number, seed: number): Promise<{ kind: string; q: string }[]> {
  const rnd = createRandom(seed);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ first_name: string | null; last_name: string | null; organisation_name: string | null; email: string | null }>(
      'SELECT first_name, last_name, organisation_name, email FROM customers TABLESAMPLE SYSTEM (1) LIMIT 20000',
    );
    const phones = (await c.query<{ value: string }>("SELECT value FROM contact_points TABLESAMPLE SYSTEM (1) WHERE kind = 'phone' LIMIT 5000")).rows;
    const terms: { kind: string; q: string }[] = [];
    const prefix = (s: string, min: number, max: number) => s.slice(0, min + Math.floor(rnd() * (max - min + 1)));
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)] as T;
    const people = rows.filter((r) => r.last_name);
    const orgs = rows.filter((r) => r.organisation_name);
    const mails = rows.filter((r) => r.email);
    for (let i = 0; i < perKind; i++) {
      const p = pick(people);
      terms.push({ kind: 'family name, 2-5 letters', q: prefix(p.last_name ?? '', 2, 5) });
      terms.push({ kind: 'given + family', q: `${p.first_name ?? ''} ${prefix(p.last_name ?? '', 1, 4)}` });
      terms.push({ kind: 'organisation, 3-6 letters', q: prefix(pick(orgs).organisation_name ?? '', 3, 6) });
      terms.push({ kind: 'email prefix', q: prefix(pick(mails).email ?? '', 4, 10) });
      terms.push({ kind: 'phone as typed', q: pick(phones).value });
    }
    // Interleave the kinds so machine noise spreads over all of them.
    for (let i = terms.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [terms[i], terms[j]] = [terms[j] as { kind: string; q: string }, terms[i] as { kind: string; q: string }];
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
export async function runCustomerSearch(opts: { customers?: number; runs?: number } = {}): Promise<CustomerSearchResult> {
  const db = await prepareBenchDatabase(opts.customers ?? 1_000_000);
  progress(`customer-search: ${db.customers.toLocaleString('en-US')} customers in ${db.url}`);
  const userIds = await ensureAgents(db.url, ['9001']);
  const [cookie] = await createSessions(db.url, [userIds.get('9001') as string]);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-search-'));
  const server = createServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, SESSION_SECRET: BENCH_SESSION_SECRET, SEED_DEMO: 'false', LOG_LEVEL: 'warn', PBX_MODE: 'none', CONSOLE_DIR: `${dataDir}/none` }),
  );
  try {
    const { port } = await server.start();
    const terms = await sampleTerms(db.url, opts.runs ?? 400, 11);
    const ask = async (q: string) => {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/customers?q=${encodeURIComponent(q)}&limit=10`, { headers: { cookie: cookie as string } });
      await res.json();
      if (res.status !== 200) throw new Error(`search ${q} answered ${res.status}`);
      return performance.now() - t0;
    };
    // Warm the pool, the plans and the page cache the way a morning's first searches do.
    for (const t of terms.slice(0, 100)) await ask(t.q);
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    for (const t of terms) {
      const ms = await ask(t.q);
      all.push(ms);
      byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), ms]);
    }
    const figures: SearchFigures[] = [...byKind.entries()].map(([kind, l]) => ({ kind, count: l.length, p50: quantile(l, 0.5), p99: quantile(l, 0.99), max: Math.max(...l) }));
    const result: CustomerSearchResult = { customers: db.customers, queries: all.length, p50: quantile(all, 0.5), p99: quantile(all, 0.99), byKind: figures };
    console.log(`customer-search: ${db.customers.toLocaleString('en-US')} customers, ${all.length} typeahead queries one at a time (${loadAverage()})`);
    for (const f of figures) console.log(`  ${f.kind.padEnd(26)} p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, max ${f.max.toFixed(1)} ms (${f.count})`);
    console.log(`  all: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms (target p99 <= 20 ms) ${result.p99 <= 20 ? 'met' : 'MISSED'}`);
    await writeChart(
      'customer-search',
      barChart(`customer-search: typeahead p99 on ${db.customers.toLocaleString('en-US')} customers`, 'query', 'p99 ms', figures.map((f) => ({ label: f.kind, value: Number(f.p99.toFixed(2)) }))),
    );
    return result;
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
