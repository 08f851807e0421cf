import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createServer, inTenant, loadConfig, type RingsideServer } from '@ringside/server';
import { BENCH_SESSION_SECRET, type BenchTenant } from './bench-db.js';
import { quantile, sleep } from './bench-stats.js';
import { barChart, writeChart } from './chart.js';

// The multi-tenant side of the screen-pop bench (`--tenants N`): how calls and agents are spread
// over the tenants, per-tenant figures, and a probe of the caller lookup in each tenant's scope.

/** Latency quantiles of a set of measurements, in ms. */
export interface LatencyFigures {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Quantiles of `latencies`, null when there are none. */
export function figures(latencies: number[]): LatencyFigures | null {
  if (latencies.length === 0) return null;
  return { count: latencies.length, p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99), max: Math.max(...latencies) };
}

/** One tenant's pops: latency and what they found. */
export interface TenantPops {
  slug: string;
  latency: LatencyFigures | null;
  /** Match kinds (single, multiple, none, pending) of that tenant's pops. */
  kinds: Record<string, number>;
}

/** The tenant whose figures are worst at p99, and that p99 (NaN when no tenant has pops). */
export function worstTenant(rows: Array<{ slug: string; latency: LatencyFigures | null }>): { slug: string; p99: number } {
  let worst = { slug: '-', p99: Number.NaN };
  for (const r of rows) if (r.latency && !(r.latency.p99 <= worst.p99)) worst = { slug: r.slug, p99: r.latency.p99 };
  return worst;
}

/** Queue q belongs to tenant q % N (its agents with it): every tenant gets queues, agents and calls in equal shares. */
export const tenantOfQueue = <T>(tenants: readonly T[], q: number): T => tenants[q % tenants.length] as T;

/** A tenant's queues carry its switch prefix, as the multi-tenant dial plan names them (`t01-q3`). */
export const tenantQueueName = (tenant: BenchTenant, q: number) => (tenant.switchPrefix ? `${tenant.switchPrefix}-q${q}` : `q${q}`);

/** What the lookup probe measured per tenant. */
export interface ProbeResult {
  perTenant: Array<{ slug: string; latency: LatencyFigures | null; empty: number; failed: number }>;
  all: LatencyFigures | null;
}

/**
 * The caller lookup the CTI makes for every call (PgCustomerDirectory.findByE164 with the pop's
 * limits), built by the product's own composition root (a PBX_MODE=none server in this process on
 * the same database) and run inside each tenant's scope: role ringside_app, app.tenant_id set,
 * row-level security on. Poisson arrivals at the call rate, spread over the tenants like the calls,
 * each asking for a number of one of that tenant's customers; an empty answer would mean the
 * tenant's rows were not visible to it.
 */
export class TenantLookupProbe {
  private stopped = false;
  private running: Promise<void> | null = null;
  private readonly samples = new Map<string, { latencies: number[]; empty: number; failed: number }>();

  private constructor(
    private readonly server: RingsideServer,
    private readonly dataDir: string,
  ) {}

  static async open(databaseUrl: string): Promise<TenantLookupProbe> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-probe-'));
    const server = createServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, SESSION_SECRET: BENCH_SESSION_SECRET, SEED_DEMO: 'false', LOG_LEVEL: 'warn', PBX_MODE: 'none', CONSOLE_DIR: `${dataDir}/none` }),
    );
    await server.start();
    return new TenantLookupProbe(server, dataDir);
  }

  /** Starts lookups at `rate` per second for at most `seconds`, tenants in turn weighted equally. */
  start(rate: number, seconds: number, callers: Array<{ tenant: BenchTenant; numbers: string[] }>): void {
    const directory = this.server.parts().directory;
    for (const c of callers) this.samples.set(c.tenant.slug, { latencies: [], empty: 0, failed: 0 });
    const end = performance.now() + seconds * 1000;
    const inFlight = new Set<Promise<void>>();
    let n = 0;
    const one = (c: { tenant: BenchTenant; numbers: string[] }) => {
      const e164 = c.numbers[Math.floor(n / callers.length) % c.numbers.length] as string;
      const s = this.samples.get(c.tenant.slug) as { latencies: number[]; empty: number; failed: number };
      const t0 = performance.now();
      // POP_LOOKUP: MAX_POP_CANDIDATES + 1 owners and the card's last 5 interactions.
      const p = inTenant(c.tenant.id, () => directory.findByE164(e164, { limit: 21, interactionLimit: 5 })).then(
        (r) => {
          s.latencies.push(performance.now() - t0);
          if (r.customers.length === 0) s.empty++;
        },
        () => void s.failed++,
      );
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    this.running = (async () => {
      while (!this.stopped && performance.now() < end) {
        one(callers[n % callers.length] as { tenant: BenchTenant; numbers: string[] });
        n++;
        await sleep(-Math.log(1 - Math.random()) * (1000 / rate));
      }
      await Promise.all(inFlight);
    })();
  }

  /** Stops the lookups, waits for those under way, and returns the figures. */
  async stop(): Promise<ProbeResult> {
    this.stopped = true;
    await this.running;
    const perTenant = [...this.samples].map(([slug, s]) => ({ slug, latency: figures(s.latencies), empty: s.empty, failed: s.failed }));
    return { perTenant, all: figures([...this.samples.values()].flatMap((s) => s.latencies)) };
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
    await this.server.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** The multi-tenant figures of one screen-pop run. */
export interface TenantRunFigures {
  count: number;
  perTenant: TenantPops[];
  worst: { slug: string; p99: number };
  /** Pops that found no customer though every caller is one of the called tenant's customers. */
  wrongPops: number;
  probe: ProbeResult | null;
}

const ms = (f: LatencyFigures | null) => (f ? `p50 ${f.p50.toFixed(2)}, p95 ${f.p95.toFixed(2)}, p99 ${f.p99.toFixed(2)}, max ${f.max.toFixed(1)} (${f.count})` : 'none');

/** The per-tenant lines of the report, and the chart of each tenant's p99 (pops and lookups side by side). */
export async function tenantReport(t: TenantRunFigures, rate: number, tenants: BenchTenant[]): Promise<string> {
  const customers = tenants.map((x) => x.customers);
  const lines = [`  tenants: ${t.count}, ${Math.min(...customers).toLocaleString('en-US')}-${Math.max(...customers).toLocaleString('en-US')} customers each; calls and agents spread evenly (queue q -> tenant q % ${t.count})`];
  for (const row of t.perTenant) {
    const probe = t.probe?.perTenant.find((p) => p.slug === row.slug);
    const kinds = Object.entries(row.kinds).map(([k, n]) => `${k} ${n}`).join(', ') || 'no pops';
    lines.push(`    ${row.slug}: pops ${ms(row.latency)} [${kinds}]; lookup in tenant scope ${ms(probe?.latency ?? null)}${probe?.empty ? `, ${probe.empty} EMPTY` : ''}${probe?.failed ? `, ${probe.failed} FAILED` : ''}`);
  }
  lines.push(`  worst tenant p99 (pops): ${t.worst.slug} ${t.worst.p99.toFixed(2)} ms (target <= 10)`);
  lines.push(`  pops that found no customer of the called tenant: ${t.wrongPops}${t.wrongPops ? ' (the pop did not look in the call\'s tenant)' : ''}`);
  if (t.probe) {
    const worstProbe = worstTenant(t.probe.perTenant);
    lines.push(`  lookup path (PgCustomerDirectory.findByE164 inside inTenant, ${rate}/s during the traffic): all ${ms(t.probe.all)}; worst tenant p99 ${worstProbe.slug} ${worstProbe.p99.toFixed(2)} ms`);
  }
  const label = (slug: string) => slug.replace('bench-', '');
  const chart = await writeChart(
    'screen-pop-tenants',
    barChart(`screen pop p99 per tenant: ${t.count} tenants, ${rate} calls/s (worst ${t.worst.p99.toFixed(1)} ms)`, 'tenant', 'AgentCalled -> screenPop p99 (ms)', t.perTenant.map((r) => ({ label: label(r.slug), value: Number((r.latency?.p99 ?? 0).toFixed(2)) }))),
  );
  if (t.probe) {
    lines.push(
      `  chart: ${await writeChart('screen-pop-tenant-lookups', barChart(`caller lookup p99 per tenant, in the tenant's scope (RLS on), ${rate}/s`, 'tenant', 'findByE164 p99 (ms)', t.probe.perTenant.map((r) => ({ label: label(r.slug), value: Number((r.latency?.p99 ?? 0).toFixed(2)), color: '#16a34a' }))))}`,
    );
  }
  lines.push(`  chart: ${chart}`);
  return lines.join('\n');
}
