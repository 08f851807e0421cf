import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentSocketPool } from './agent-socket-pool.js';
import { benchServerEnv, createSessions, dropBenchSessions, ensureAgents, prepareBenchDatabase, sampleCallerNumbers, type BenchTenant } from './bench-db.js';
import { barChart, writeChart } from './chart.js';
import { CpuWindow, loadAverage, progress, quantile, sleep, wallNow } from './bench-stats.js';
import { agentEndpoint, queueExten, writeSimConfig, type SimConfigSpec } from './sim-config.js';
import { figures, tenantOfQueue, tenantQueueName, tenantReport, TenantLookupProbe, worstTenant, type LatencyFigures, type TenantPops, type TenantRunFigures } from './screen-pop-tenants.js';
import { DEFAULT_ANSWER_MEDIA_MS } from '@ringside/pbx-sim';
import { ServerProcess } from './server-process.js';
import { SimProcess } from './sim-process.js';

/** What the screen-pop bench measured. */
export interface ScreenPopResult {
  callsPerSecond: number;
  agents: number;
  customers: number;
  expected: number;
  received: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** The same figures for the calls that heard a greeting first, and for those put straight into a queue. */
  greeted: LatencyFigures | null;
  straight: LatencyFigures | null;
  /** pbx-sim's time from answering a caller to the caller's first media frame (ends Answer()'s wait). */
  answerMediaMs: number;
  p95: number;
  /** With --tenants: each tenant's pops, the worst tenant's p99, and the lookup probe in each tenant's scope. */
  tenants: TenantRunFigures | null;
}

const fmt = (f: LatencyFigures | null) => (f ? `p50 ${f.p50.toFixed(2)}, p90 ${f.p90.toFixed(2)}, p99 ${f.p99.toFixed(2)}, max ${f.max.toFixed(2)} (${f.count} pops)` : 'none');

const WARMUP_S = 5;

/**
 * Time from the switch emitting AgentCalled (stamped inside pbx-sim) to the `screenPop` arriving
 * on that agent's socket, with 1M customers in PostgreSQL and every agent connected. Three
 * processes: pbx-sim, the Ringside server, and this one holding the agents' sockets.
 */
export async function runScreenPop(opts: { customers?: number; agents?: number; rate?: number; seconds?: number; greetedPercent?: number; socketThreads?: number; answerMediaMs?: number; tenants?: number }): Promise<ScreenPopResult> {
  const customers = opts.customers ?? 1_000_000;
  const agents = opts.agents ?? 2000;
  const rate = opts.rate ?? 50;
  const seconds = opts.seconds ?? 60;
  const socketThreads = Math.max(1, Math.min(8, Math.round(opts.socketThreads ?? 1)));
  const tenantCount = Math.max(0, Math.round(opts.tenants ?? 0));
  // Every tenant gets at least one queue of its own.
  const queues = Math.min(agents, Math.max(tenantCount, Math.max(1, Math.min(20, Math.floor(agents / 10)))));
  // Most inbound lines greet the caller before queueing them (pbx-sim plays a prompt for 1 s); the
  // rest of the queues take callers straight in: Answer() then Queue(), so the CRM lookup has only
  // Answer()'s wait for the caller's first media (--answer-media-ms; 0 starts it at the ring).
  const greetedQueues = Math.round((Math.min(100, opts.greetedPercent ?? 50) / 100) * queues);
  const greets = (q: number) => q < greetedQueues;
  const db = await prepareBenchDatabase(customers, tenantCount);
  const multi = tenantCount > 0;
  const queueTenant = (q: number): BenchTenant => tenantOfQueue(db.tenants, q);
  progress(`screen-pop: ${db.customers.toLocaleString('en-US')} customers in ${db.url}${db.seededNow ? ` (${db.seededNow.toLocaleString('en-US')} seeded in ${db.seedSeconds.toFixed(0)} s)` : ' (reused)'}`);
  // Phones never answer: each call rings one agent (rrmemory), the pop goes out, the caller gives up.
  const spec: SimConfigSpec = { agents, queues, strategy: 'rrmemory', ringTimeoutS: 30, wrapupS: 0, greeting: greets, ...(multi ? { queueName: (q: number) => tenantQueueName(queueTenant(q), q) } : {}) };
  const extensions = Array.from({ length: agents }, (_, i) => agentEndpoint(spec, i));
  // Agent i sits in queue i % queues (sim-config spreads them round-robin) and belongs to that queue's tenant.
  const agentTenants = extensions.map((_, i) => queueTenant(i % queues).id);
  const userIds = await ensureAgents(db.url, extensions, agentTenants);
  await dropBenchSessions(db.url);
  const cookies = await createSessions(
    db.url,
    extensions.map((e) => userIds.get(e) as string),
    agentTenants,
  );
  // Each tenant's lines are called by that tenant's customers.
  const callersOf = new Map<string, string[]>();
  for (const t of db.tenants) callersOf.set(t.id, await sampleCallerNumbers(db.url, multi ? Math.max(250, Math.ceil(5000 / db.tenants.length)) : 5000, multi ? t.id : undefined));
  const callers = [...callersOf.values()].flat();
  progress(`screen-pop: ${agents} agents with sessions over ${db.tenants.length} tenant(s), ${callers.length} caller numbers of existing customers`);
  const configDir = await writeSimConfig(spec);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-server-'));
  const sim = await SimProcess.spawn();
  let server: ServerProcess | null = null;
  let closePool: (() => Promise<void>) | null = null;
  let probe: TenantLookupProbe | null = null;
  try {
    const stamps = new Map<string, number>();
    sim.onCalled = (batch) => {
      for (const [linkedid, iface, t] of batch) stamps.set(`${linkedid}|${iface}`, t);
    };
    const ports = await sim.request<{ amiPort: number; httpPort: number }>({ cmd: 'start', configDir, stampAgentCalled: true, ...(opts.answerMediaMs !== undefined ? { answerMediaMs: opts.answerMediaMs } : {}) });
    server = await ServerProcess.start({
      ...benchServerEnv({ databaseUrl: db.url, dataDir, amiPort: ports.amiPort, ariPort: ports.httpPort }),
      // Passed through so a run can compare queue-update intervals.
      ...(process.env['QUEUE_UPDATE_INTERVAL_MS'] ? { QUEUE_UPDATE_INTERVAL_MS: process.env['QUEUE_UPDATE_INTERVAL_MS'] } : {}),
    });
    progress(`screen-pop: server up at ${server.url} (pid ${server.pid}), pbx-sim pid ${sim.pid}; connecting ${agents} agent sockets`);
    let lastShown = 0;
    const pool = await AgentSocketPool.connect(
      server.url,
      extensions.map((ext, i) => ({ ext, cookie: cookies[i] as string })),
      socketThreads,
      (n) => {
        if (n - lastShown < 500 && n !== agents) return;
        lastShown = n;
        progress(`  ${n}/${agents} sockets connected`);
      },
    );
    closePool = () => pool.close();
    const pops = pool.pops;
    progress(`screen-pop: ${rate} calls/s for ${seconds} s over ${queues} queues (${loadAverage()})`);
    // The lookup path in each tenant's scope under the same call load (see screen-pop-tenants.ts).
    probe = multi ? await TenantLookupProbe.open(db.url) : null;
    await sim.request({
      cmd: 'traffic',
      perExten: Array.from({ length: queues }, (_, q) => ({ exten: queueExten(q), callsPerSecond: rate / queues, ...(multi ? { callerNumbers: callersOf.get(queueTenant(q).id) as string[] } : {}) })),
      talk: { meanMs: 10_000 },
      patience: { meanMs: 4_000, minMs: 3_000, maxMs: 6_000 },
      callerNumbers: callers,
    });
    probe?.start(rate, seconds, db.tenants.map((t) => ({ tenant: t, numbers: callersOf.get(t.id) as string[] })));
    const started = wallNow();
    // If the browsers' stand-ins fell behind, their delay would count as pop latency: it is measured.
    pool.reset();
    server.resetLoopStats();
    const cpu = new CpuWindow({ server: [server.pid ?? 0], 'pbx-sim': [sim.pid ?? 0], 'agent sockets (bench process)': [process.pid], postgresql: 'postgres' });
    for (let s = 10; s <= seconds; s += 10) {
      await sleep(Math.min(10, seconds - s + 10) * 1000);
      progress(`  ${s}/${seconds} s: ${stamps.size} agents rung, ${pops.length} pops (${loadAverage()})`);
    }
    if (seconds % 10) await sleep((seconds % 10) * 1000);
    await sim.request({ cmd: 'stopTraffic' });
    const probed = (await probe?.stop()) ?? null;
    const cpuShares = cpu.shares();
    const serverLoop = await server.loopStats();
    const socketStats = await pool.stats();
    const trafficMessages = socketStats.messages;
    await sleep(7000);
    const load = loadAverage();
    const clock = await sim.clockOffset();
    const byKey = new Map(pops.map((p) => [p.key, p]));
    const latencies: number[] = [];
    const byGreeting: [number[], number[]] = [[], []];
    const byTenant = new Map<string, { latencies: number[]; kinds: Record<string, number> }>(db.tenants.map((t) => [t.slug, { latencies: [], kinds: {} }]));
    const queueOfEndpoint = new Map(extensions.map((e, i) => [`PJSIP/${e}`, i % queues]));
    let expected = 0;
    let received = 0;
    for (const [key, t] of stamps) {
      if (t - started < WARMUP_S * 1000) continue;
      expected++;
      const pop = byKey.get(key);
      if (!pop) continue;
      received++;
      const latency = pop.t - (t - clock.offsetMs);
      latencies.push(latency);
      const queue = queueOfEndpoint.get(key.slice(key.indexOf('|') + 1)) ?? 0;
      byGreeting[greets(queue) ? 0 : 1].push(latency);
      const mine = byTenant.get(queueTenant(queue).slug);
      if (mine) {
        mine.latencies.push(latency);
        mine.kinds[pop.kind] = (mine.kinds[pop.kind] ?? 0) + 1;
      }
    }
    const [greeted, straight] = [figures(byGreeting[0]), figures(byGreeting[1])];
    const kinds = new Map<string, number>();
    for (const p of pops) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    const [p50, p90, p95, p99, max] = [quantile(latencies, 0.5), quantile(latencies, 0.9), quantile(latencies, 0.95), quantile(latencies, 0.99), Math.max(...latencies)];
    const perTenant: TenantPops[] = [...byTenant].map(([slug, v]) => ({ slug, latency: figures(v.latencies), kinds: v.kinds }));
    // Every caller is a customer of the tenant whose line they called: a pop that found nobody read another tenant's rows.
    const wrongPops = multi ? perTenant.reduce((n, t) => n + (t.kinds['none'] ?? 0), 0) : 0;
    const tenants = multi ? { count: db.tenants.length, perTenant, worst: worstTenant(perTenant), wrongPops, probe: probed } : null;
    const edges = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 50, 100, 200];
    const bins = edges.map((e, i) => ({ label: `<${e}`, value: latencies.filter((l) => l < e && l >= (edges[i - 1] ?? 0)).length }));
    bins.push({ label: `>=${edges.at(-1)}`, value: latencies.filter((l) => l >= (edges.at(-1) as number)).length });
    const chart = await writeChart(multi ? 'screen-pop-tenants-latency' : 'screen-pop', barChart(`screen pop latency: ${rate} calls/s, ${agents} agents, ${db.customers.toLocaleString('en-US')} customers${multi ? ` in ${db.tenants.length} tenants` : ''} (p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms)`, 'AgentCalled -> screenPop on the socket (ms)', 'pops', bins));
    console.log(`screen-pop: ${rate} calls/s for ${seconds} s, ${agents} agent sockets, ${queues} queues, ${db.customers.toLocaleString('en-US')} customers on PostgreSQL; server, pbx-sim and the bench (sockets on ${socketThreads} thread(s)) in 3 processes (${load})`);
    console.log(`  pops received ${received} of ${expected} expected (first ${WARMUP_S} s excluded as warm-up); matches ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`  latency ms: p50 ${p50.toFixed(2)}, p90 ${p90.toFixed(2)}, p95 ${p95.toFixed(2)}, p99 ${p99.toFixed(2)}, max ${max.toFixed(2)} (target p99 <= 10)`);
    console.log(`    callers greeted first (${greetedQueues} of ${queues} queues): ${fmt(greeted)}`);
    console.log(`    callers put straight into a queue (${queues - greetedQueues} of ${queues} queues; Answer() goes on at the caller's first media, ${opts.answerMediaMs ?? DEFAULT_ANSWER_MEDIA_MS} ms): ${fmt(straight)}`);
    console.log(`  socket messages received by all agents during the traffic: ${trafficMessages.toLocaleString('en-US')} (${Math.round(trafficMessages / seconds).toLocaleString('en-US')}/s); event-loop delay of the sockets' ${socketThreads} thread(s), worst: p99 ${socketStats.loopP99Ms.toFixed(1)} ms, max ${socketStats.loopMaxMs.toFixed(1)} ms`);
    console.log(`  server process during the traffic: event-loop delay p50 ${serverLoop.p50Ms.toFixed(1)} ms, p99 ${serverLoop.p99Ms.toFixed(1)} ms, max ${serverLoop.maxMs.toFixed(1)} ms; CPU ${(serverLoop.cpuShare * 100).toFixed(0)}% of one core`);
    console.log(`  CPU during the traffic (share of one core; the machine has ${os.cpus().length}): ${Object.entries(cpuShares).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}, total ${(Object.values(cpuShares).reduce((a, b) => a + b, 0) * 100).toFixed(0)}%`);
    console.log(`  clocks: pbx-sim's wall clock differs from the sockets' by ${clock.offsetMs.toFixed(3)} ms (corrected; measured over IPC, round trip ${clock.rttMs.toFixed(2)} ms)`);
    console.log(`  chart: ${chart}`);
    if (tenants) console.log(await tenantReport(tenants, rate, db.tenants));
    return { callsPerSecond: rate, agents, customers: db.customers, expected, received, p50, p90, p95, p99, max, greeted, straight, answerMediaMs: opts.answerMediaMs ?? DEFAULT_ANSWER_MEDIA_MS, tenants };
  } finally {
    await closePool?.();
    await probe?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(configDir, { recursive: true, force: true });
    await dropBenchSessions(db.url).catch(() => undefined);
  }
}
