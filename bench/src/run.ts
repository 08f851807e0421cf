import { runAmiIngest } from './ami-ingest.js';
import { runConsole } from './console-load.js';
import { runCustomerSearch } from './customer-search.js';
import { runDedupe } from './dedupe.js';
import { runImport } from './import.js';
import { runResync } from './resync.js';
import { runScreenPop } from './screen-pop.js';
import { runSimSoak } from './sim-soak.js';

// `npm run bench -- <name> [--flag N ...]`: runs one benchmark (or all of them) and ends with
// exactly one JSON line per benchmark. Progress goes to stderr.

type Flags = Partial<Record<'events' | 'runs' | 'minutes' | 'seconds' | 'customers' | 'agents' | 'rate' | 'calls' | 'loads' | 'greeted-percent' | 'socket-threads' | 'answer-media-ms' | 'tenants' | 'rounds' | 'pglite-customers', number>>;
type Bench = (flags: Flags) => Promise<Record<string, unknown>>;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

const BENCHES: Record<string, Bench> = {
  'ami-ingest': async (f) => {
    const r = await runAmiIngest({ events: f.events, runs: f.runs });
    return { bench: 'ami-ingest', events_per_s: Math.round(r.eventsPerSecond), baseline_events_per_s: Math.round(r.baselineEventsPerSecond) };
  },
  'screen-pop': async (f) => {
    const r = await runScreenPop({ customers: f.customers, agents: f.agents, rate: f.rate, seconds: f.seconds, greetedPercent: f['greeted-percent'], socketThreads: f['socket-threads'], answerMediaMs: f['answer-media-ms'], tenants: f.tenants });
    return {
      bench: 'screen-pop',
      calls_per_s: r.callsPerSecond,
      agents: r.agents,
      customers: r.customers,
      p50_ms: round(r.p50),
      p99_ms: round(r.p99),
      greeted_p99_ms: r.greeted ? round(r.greeted.p99) : null,
      straight_p99_ms: r.straight ? round(r.straight.p99) : null,
      answer_media_ms: r.answerMediaMs,
      ...(r.tenants
        ? {
            tenants: r.tenants.count,
            p95_ms: round(r.p95),
            worst_tenant_p99_ms: round(r.tenants.worst.p99),
            wrong_tenant_pops: r.tenants.wrongPops,
            lookup_p99_ms: r.tenants.probe?.all ? round(r.tenants.probe.all.p99) : null,
            lookup_worst_tenant_p99_ms: r.tenants.probe ? round(Math.max(...r.tenants.probe.perTenant.map((t) => t.latency?.p99 ?? 0))) : null,
          }
        : {}),
    };
  },
  resync: async (f) => {
    const r = await runResync({ calls: f.calls, runs: f.runs });
    return { bench: 'resync', calls: r.calls, ms: round(r.medianMs, 1) };
  },
  'sim-soak': async (f) => {
    const r = await runSimSoak({ minutes: f.minutes, callsPerSecond: f.rate });
    return { bench: 'sim-soak', calls_per_s: r.callsPerSecond, minutes: r.minutes, placed: r.stats.placed, answered: r.stats.answered, abandoned: r.stats.abandoned, reconciled: r.reconciled, heap_growth_mb_per_min: round(r.heapGrowthMbPerMin, 3) };
  },
  dedupe: async (f) => {
    const r = await runDedupe({ customers: f.customers });
    return {
      bench: 'dedupe',
      customers: r.customers,
      known_duplicates: r.knownDuplicates,
      scan_s: round(r.scanSeconds, 1),
      comparisons: r.comparisons,
      precision: round(r.precision, 4),
      recall: round(r.recall, 4),
      sure_precision: round(r.surePrecision, 4),
      peak_rss_mb: Math.round(r.peakRssMb),
    };
  },
  'customer-search': async (f) => {
    const r = await runCustomerSearch({ customers: f.customers, runs: f.runs, tenants: f.tenants, rlsRounds: f.rounds, pgliteCustomers: f['pglite-customers'] });
    return {
      bench: 'customer-search',
      customers: r.customers,
      tenants: r.tenants,
      queries: r.queries,
      p50_ms: round(r.p50),
      p99_ms: round(r.p99),
      ...Object.fromEntries(r.byKind.map((k) => [`p99_${k.kind.split(',')[0]?.replace(/\W+/g, '_')}_ms`, round(k.p99)])),
      rls_median_ms: round(r.rls.rlsMedianMs, 3),
      baseline_median_ms: round(r.rls.baselineMedianMs, 3),
      rlsOverheadPct: round(r.rls.overheadPct, 1),
      rls_paired_overhead_pct: round(r.rls.pairedOverheadPct, 1),
      rls_leakproof_marked: r.rls.leakproofMarked,
      ...(r.pglite ? { pglite_customers: r.pglite.customers, pglite_rlsOverheadPct: round(r.pglite.rls.overheadPct, 1), pglite_rls_leakproof_marked: r.pglite.rls.leakproofMarked } : {}),
    };
  },
  import: async (f) => {
    const r = await runImport({ rows: f.customers });
    return { bench: 'import', rows: r.rows, file_mb: Math.round(r.fileMb), rows_per_s: Math.round(r.rowsPerSecond), created: r.created, updated: r.updated, rejected: r.rejected, peak_rss_mb: Math.round(r.peakRssMb) };
  },
  console: async (f) => {
    const r = await runConsole({ loads: f.loads });
    return { bench: 'console', gzip_kb: round(r.loginGzipKb, 1), first_render_ms: Math.round(r.interactiveMs) };
  },
};

const FLAGS = ['events', 'runs', 'minutes', 'seconds', 'customers', 'agents', 'rate', 'calls', 'loads', 'greeted-percent', 'socket-threads', 'answer-media-ms', 'tenants', 'rounds', 'pglite-customers'] as const;
/** Flags where 0 is a meaningful value. */
const ZERO_OK = new Set<string>(['--greeted-percent', '--answer-media-ms']);

function numberFlag(argv: string[], flag: string): number | undefined {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !ZERO_OK.has(flag))) throw new Error(`${flag} needs a ${ZERO_OK.has(flag) ? 'non-negative' : 'positive'} number`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const names = argv.filter((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--'));
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  const badFlag = argv.find((a) => a.startsWith('--') && !FLAGS.includes(a.slice(2) as (typeof FLAGS)[number]));
  if (badFlag) throw new Error(`unknown flag ${badFlag}; known: ${FLAGS.map((f) => `--${f}`).join(' ')}`);
  const flags: Flags = {};
  for (const f of FLAGS) {
    const v = numberFlag(argv, `--${f}`);
    if (v !== undefined) flags[f] = v;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const line = await (BENCHES[name] as Bench)(flags);
    console.log(JSON.stringify(line));
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
