import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { asSystem, inTenant, openDatabase, type CustomerRepository, type Database } from '@ringside/server';
import { median, quantile } from './bench-stats.js';
import { barChart } from './chart.js';

// What row-level security costs the customer search: the statements the product's repository
// sends for each query, captured at the driver, replayed (a) as the product runs them, role
// ringside_app with app.tenant_id set, so the tenant_isolation policies filter the rows, and
// (b) as the tables' owner, who bypasses the policies, with the same tenant condition written
// into the SQL. The baseline is fair when both give the same plan but for where the tenant
// condition comes from: the indexes lead with tenant_id, so without that condition (policies
// simply dropped) the baseline would walk other indexes and measure a different query.

/** One statement as the repository sent it. */
interface Statement {
  text: string;
  values: unknown[];
}

/** A search as the repository runs it: count and page at once on two connections, then the page's rows. */
export interface CapturedSearch {
  kind: string;
  q: string;
  tenantId: string;
  parallel: Statement[];
  after: Statement[];
}

const capture = new AsyncLocalStorage<Statement[]>();
let spying = false;

/** Records what pg.Client sends inside capture.run (the search under way); other work passes untouched. */
function spyOnDriver(): void {
  if (spying) return;
  spying = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const into = capture.getStore();
    if (into) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const text = typeof first === 'string' ? first : first.text;
      const values = (typeof first === 'string' ? second : (first.values ?? second)) ?? [];
      // The scoping statement (role and tenant) is the pool's, not the search's.
      if (!text.includes("set_config('role'")) into.push({ text, values: [...values] });
    }
    return original.apply(this, args);
  };
}

/** Runs each search through the repository in its tenant and keeps the statements it sent. */
export async function captureSearches(repo: CustomerRepository, terms: Array<{ kind: string; q: string; tenantId: string }>): Promise<CapturedSearch[]> {
  spyOnDriver();
  const out: CapturedSearch[] = [];
  for (const t of terms) {
    const sent: Statement[] = [];
    await capture.run(sent, () => inTenant(t.tenantId, () => repo.search({ q: t.q, limit: 10, offset: 0 })));
    if (sent.length < 2) throw new Error(`search ${JSON.stringify(t.q)} sent ${sent.length} statements, expected count and page first`);
    out.push({ ...t, parallel: sent.slice(0, 2), after: sent.slice(2) });
  }
  return out;
}

// Where the search's statements read tenant tables; each gets the tenant condition in the baseline.
const TABLE_READS: Array<[RegExp, (t: string) => string]> = [
  [/\bFROM customers c\s+WHERE\s/g, (t) => `FROM customers c WHERE c.tenant_id = ${t} AND `],
  [/\bFROM customers\s+WHERE\s/g, (t) => `FROM customers WHERE tenant_id = ${t} AND `],
  [/\bFROM contact_points cp\s+WHERE\s/g, (t) => `FROM contact_points cp WHERE cp.tenant_id = ${t} AND `],
  [/\bFROM contact_points\s+WHERE\s/g, (t) => `FROM contact_points WHERE tenant_id = ${t} AND `],
  [
    /from "customers" left join "contact_points" on "contact_points"\."customer_id" = "customers"\."id" where /g,
    (t) => `from "customers" left join "contact_points" on "contact_points"."customer_id" = "customers"."id" and "contact_points"."tenant_id" = ${t} where "customers"."tenant_id" = ${t} and `,
  ],
];
const ANY_READ = /\b(from|join)\s+"?(customers|contact_points)"?(?=[\s"])/gi;

/**
 * The statement with the tenant condition written in, as one more bound parameter. Every read of
 * a tenant table must be one the patterns know (their WHERE clauses are conjunctions, so prefixing
 * `tenant_id = $n AND` keeps their meaning); anything else is refused rather than measured unfairly.
 */
export function withTenantCondition(s: Statement, tenantId: string): Statement {
  const param = `$${s.values.length + 1}::uuid`;
  let text = s.text;
  let covered = 0;
  for (const [pattern, add] of TABLE_READS) {
    text = text.replace(pattern, (m) => {
      covered += m.includes('left join') ? 2 : 1;
      return add(param);
    });
  }
  const reads = (s.text.match(ANY_READ) ?? []).length;
  if (covered !== reads) throw new Error(`cannot write the tenant condition into: ${s.text.slice(0, 200)}`);
  return { text, values: [...s.values, tenantId] };
}

/**
 * One mode's way to the database, through the product's own scoped clients (scoped-clients.ts):
 * RLS mode runs each statement inside inTenant (node-postgres: role and tenant set on the pooled
 * connection when it last served another scope; PGlite: a transaction with SET LOCAL role and
 * tenant per statement), the baseline inside asSystem (the owner, statements as they are).
 */
class ModeRunner {
  constructor(
    readonly database: Database,
    private readonly rls: boolean,
  ) {}

  private exec(s: Statement, tenantId: string): Promise<{ rows: Record<string, unknown>[] }> {
    // The client drizzle was given is the scoping wrapper (Database.rawSql would run as system whatever the scope).
    const client = (this.database.db as unknown as { $client: { query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> } }).$client;
    return this.rls ? inTenant(tenantId, () => client.query(s.text, s.values)) : asSystem(() => client.query(s.text, s.values));
  }

  /** Runs one search as the repository does (count and page side by side, then the page's rows); returns the ms and the rows read. */
  async run(search: CapturedSearch): Promise<{ ms: number; rows: unknown[][] }> {
    const fix = (s: Statement) => (this.rls ? s : withTenantCondition(s, search.tenantId));
    const parallel = search.parallel.map(fix);
    const after = search.after.map(fix);
    // Untimed: puts the pool's connections in the search's tenant first, so a tenant switch (a
    // cost of scoping, not of the policies) stays out of the figure.
    await Promise.all(parallel.map(() => this.exec({ text: 'SELECT 1', values: [] }, search.tenantId)));
    const t0 = performance.now();
    const first = await Promise.all(parallel.map((s) => this.exec(s, search.tenantId)));
    const rest: Array<{ rows: Record<string, unknown>[] }> = [];
    for (const s of after) rest.push(await this.exec(s, search.tenantId));
    const ms = performance.now() - t0;
    return { ms, rows: [...first, ...rest].map((r) => r.rows.map((row) => Object.values(row))) };
  }

  /** The plan's shape (node types and indexes, not costs or the conditions' text). */
  async planShape(s: Statement, tenantId: string): Promise<string> {
    const st = this.rls ? s : withTenantCondition(s, tenantId);
    const r = await this.exec({ text: `EXPLAIN (FORMAT JSON, COSTS OFF) ${st.text}`, values: st.values }, tenantId);
    const shape: string[] = [];
    const walk = (n: Record<string, unknown>) => {
      shape.push(`${String(n['Node Type'])}${n['Index Name'] ? `(${String(n['Index Name'])})` : ''}`);
      for (const c of (n['Plans'] as Array<Record<string, unknown>> | undefined) ?? []) walk(c);
    };
    const plan = r.rows[0]?.['QUERY PLAN'];
    walk(((typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan: Record<string, unknown> }>)[0]?.Plan as Record<string, unknown>);
    return shape.join(' > ');
  }

  /** Statements as the owner (catalog reads). */
  owner(text: string): Promise<{ rows: Record<string, unknown>[] }> {
    return asSystem(() => this.database.rawSql(text)) as Promise<{ rows: Record<string, unknown>[] }>;
  }
}

/** What the comparison measured. */
export interface RlsOverhead {
  searches: number;
  rounds: number;
  rlsMedianMs: number;
  baselineMedianMs: number;
  rlsP99Ms: number;
  baselineP99Ms: number;
  /** (median with RLS / median of the baseline - 1) x 100. */
  overheadPct: number;
  /** The median of each search's own ratio, the same figure paired per query. */
  pairedOverheadPct: number;
  byKind: Array<{ kind: string; rlsMedianMs: number; baselineMedianMs: number; overheadPct: number }>;
  plansCompared: number;
  plansDiffering: Array<{ q: string; rls: string; baseline: string }>;
  /**
   * Whether lower(text) and textlike are LEAKPROOF in this database, as migration 0014 marks them
   * (needs a superuser): without it the policy's security barrier keeps the search's conditions out
   * of its indexes, and the plans differ.
   */
  leakproofMarked: boolean;
}

/** Every search in both modes, `rounds` times, which mode goes first alternating per search and round (ABBA). */
async function alternate(rls: ModeRunner, base: ModeRunner, searches: CapturedSearch[], rounds: number) {
  const times = { rls: [] as number[], base: [] as number[], ratios: [] as number[] };
  const kinds = new Map<string, { rls: number[]; base: number[] }>();
  for (let r = 0; r < rounds; r++) {
    for (const [i, s] of searches.entries()) {
      const rlsFirst = (i + r) % 2 === 0;
      const [first, second] = rlsFirst ? [rls, base] : [base, rls];
      const x = (await first.run(s)).ms;
      const y = (await second.run(s)).ms;
      const [tr, tb] = rlsFirst ? [x, y] : [y, x];
      times.rls.push(tr);
      times.base.push(tb);
      times.ratios.push(tr / tb);
      const k = kinds.get(s.kind) ?? { rls: [], base: [] };
      k.rls.push(tr);
      k.base.push(tb);
      kinds.set(s.kind, k);
    }
  }
  return { times, kinds };
}

/** Plan shapes of every statement of the first four searches of each kind, mode against mode. */
async function comparePlans(rls: ModeRunner, base: ModeRunner, searches: CapturedSearch[]) {
  const differing: RlsOverhead['plansDiffering'] = [];
  let compared = 0;
  const seen = new Map<string, number>();
  for (const s of searches) {
    if ((seen.get(s.kind) ?? 0) >= 4) continue;
    seen.set(s.kind, (seen.get(s.kind) ?? 0) + 1);
    for (const st of [...s.parallel, ...s.after]) {
      const [a, b] = [await rls.planShape(st, s.tenantId), await base.planShape(st, s.tenantId)];
      compared++;
      if (a !== b) differing.push({ q: s.q, rls: a, baseline: b });
    }
  }
  return { compared, differing };
}

// Built-in functions of the search's conditions that migration 0014 marks LEAKPROOF (see leakproofMarked above).
const LEAKY = ['lower(text)', 'textlike(text, text)'];

const pct = (a: number, b: number) => (a / b - 1) * 100;

/**
 * Replays the captured searches in both modes, after one untimed pass of each that also checks
 * both modes read the same rows; then compares the plans.
 */
export async function measureRlsOverhead(target: { databaseUrl: string } | { pglite: Database }, searches: CapturedSearch[], rounds: number): Promise<RlsOverhead> {
  // node-postgres: a pool of two per mode, so neither mode's connections ever change scope; PGlite: one instance, one session.
  const open = () => ('databaseUrl' in target ? openDatabase({ databaseUrl: target.databaseUrl, maxConnections: 2 }) : Promise.resolve(target.pglite));
  const [rls, base] = [new ModeRunner(await open(), true), new ModeRunner(await open(), false)];
  try {
    // Measured as the product's migrations left the database; the marking is reported, never changed.
    const marks = await base.owner(`select bool_and(proleakproof) as marked from pg_proc where oid in (${LEAKY.map((f) => `'pg_catalog.${f.replace(/ /g, '')}'::regprocedure`).join(', ')})`);
    const leakproofMarked = marks.rows[0]?.['marked'] === true;
    for (const s of searches) {
      const [a, b] = [await rls.run(s), await base.run(s)];
      if (JSON.stringify(a.rows) !== JSON.stringify(b.rows)) throw new Error(`the two modes read different rows for ${JSON.stringify(s.q)}: the comparison would not be of one query`);
    }
    const { times, kinds } = await alternate(rls, base, searches, rounds);
    const plans = await comparePlans(rls, base, searches);
    return {
      searches: searches.length,
      rounds,
      rlsMedianMs: median(times.rls),
      baselineMedianMs: median(times.base),
      rlsP99Ms: quantile(times.rls, 0.99),
      baselineP99Ms: quantile(times.base, 0.99),
      overheadPct: pct(median(times.rls), median(times.base)),
      pairedOverheadPct: (median(times.ratios) - 1) * 100,
      byKind: [...kinds].map(([kind, k]) => ({ kind, rlsMedianMs: median(k.rls), baselineMedianMs: median(k.base), overheadPct: pct(median(k.rls), median(k.base)) })),
      plansCompared: plans.compared,
      plansDiffering: plans.differing,
      leakproofMarked,
    };
  } finally {
    if ('databaseUrl' in target) await Promise.all([rls.database.close(), base.database.close()]);
  }
}

/** The comparison's lines of the report. */
export function rlsReport(r: RlsOverhead): string {
  const lines = [
    `  row-level security, the search's statements replayed (${r.searches} searches x ${r.rounds} rounds per mode, alternating ABBA):`,
    `    policies enforced (role ringside_app, app.tenant_id): median ${r.rlsMedianMs.toFixed(3)} ms, p99 ${r.rlsP99Ms.toFixed(3)} ms`,
    `    owner, tenant condition in the SQL (no policies):    median ${r.baselineMedianMs.toFixed(3)} ms, p99 ${r.baselineP99Ms.toFixed(3)} ms`,
    `    overhead of the medians ${r.overheadPct.toFixed(1)} %, median of the per-search ratios ${r.pairedOverheadPct.toFixed(1)} % (target <= 10 %) ${r.overheadPct <= 10 ? 'met' : 'MISSED'}`,
    ...r.byKind.map((k) => `      ${k.kind.padEnd(26)} ${k.rlsMedianMs.toFixed(3)} vs ${k.baselineMedianMs.toFixed(3)} ms (${k.overheadPct >= 0 ? '+' : ''}${k.overheadPct.toFixed(1)} %)`),
    `    plans: ${r.plansCompared - r.plansDiffering.length} of ${r.plansCompared} sampled statements have the same plan shape in both modes`,
    ...r.plansDiffering.slice(0, 2).map((d) => `      differs for ${JSON.stringify(d.q)}: RLS ${d.rls} | baseline ${d.baseline}`),
    ...(r.leakproofMarked
      ? []
      : [`    ${LEAKY.join(' and ')} are not LEAKPROOF here (migration 0014 needs a superuser): the policy's security barrier keeps the search's LIKE on lower(...) out of its indexes`]),
  ];
  return lines.join('\n');
}

/** Median per kind of query, with the policies (blue) and without (green). */
export function rlsChart(r: RlsOverhead, customers: number, tenants: number): string {
  const short = (kind: string) => kind.split(/[ ,]/)[0] ?? kind;
  const bars = r.byKind.flatMap((k) => [
    { label: `${short(k.kind)} RLS`, value: Number(k.rlsMedianMs.toFixed(3)) },
    { label: `${short(k.kind)} own`, value: Number(k.baselineMedianMs.toFixed(3)), color: '#16a34a' },
  ]);
  return barChart(`search statements, ${customers.toLocaleString('en-US')} customers in ${tenants} tenant(s): RLS ${r.overheadPct >= 0 ? '+' : ''}${r.overheadPct.toFixed(1)} % (median)`, 'query kind: policies enforced (RLS) / owner with tenant condition (own)', 'median ms', bars);
}
