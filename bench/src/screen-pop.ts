import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentSocketPool } from './agent-socket-pool.js';
import { benchServerEnv, createSessions, dropBenchSessions, ensureAgents, prepareBenchDatabase, sampleCallerNumbers } from './bench-db.js';
import { barChart, writeChart } from './chart.js';
import { CpuWindow, loadAverage, progress, quantile, sleep, wallNow } from './bench-stats.js';
import { agentEndpoint, queueExten, writeSimConfig, type SimConfigSpec } from './sim-config.js';
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
}

/** Latency quantiles of a set of pops. */
export interface LatencyFigures {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function figures(latencies: number[]): LatencyFigures | null {
  if (latencies.length === 0) return null;
  return { count: latencies.length, p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99), max: Math.max(...latencies) };
}

const fmt = (f: LatencyFigures | null) => (f ? `p50 ${f.p50.toFixed(2)}, p90 ${f.p90.toFixed(2)}, p99 ${f.p99.toFixed(2)}, max ${f.max.toFixed(2)} (${f.count} pops)` : 'none');

const WARMUP_S = 5;

/**
 * Time from the switch emitting AgentCalled (stamped inside pbx-sim) to the `screenPop` arriving
 * on that agent's socket, with 1M customers in PostgreSQL and every agent connected. Three
 * processes: pbx-sim, the Ringside server, and this one holding the agents' sockets.
 */
export async function runScreenPop(opts: { customers?: number; agents?: number; rate?: number; seconds?: number; greetedPercent?: number; socketThreads?: number; answerMediaMs?: number }): Promise<ScreenPopResult> {
  const customers = opts.customers ?? 1_000_000;
  const agents = opts.agents ?? 2000;
  const rate = opts.rate ?? 50;
  const seconds = opts.seconds ?? 60;
  const socketThreads = Math.max(1, Math.min(8, Math.round(opts.socketThreads ?? 1)));
  const queues = Math.max(1, Math.min(20, Math.floor(agents / 10)));
  // Most inbound lines greet the caller before queueing them (pbx-sim plays a prompt for 1 s); the
  // rest of the queues take callers straight in: Answer() then Queue(), so the CRM lookup has only
  // Answer()'s wait for the caller's first media (--answer-media-ms; 0 starts it at the ring).
  const greetedQueues = Math.round((Math.min(100, opts.greetedPercent ?? 50) / 100) * queues);
  const greets = (q: number) => q < greetedQueues;
  const db = await prepareBenchDatabase(customers);
  progress(`screen-pop: ${db.customers.toLocaleString('en-US')} customers in ${db.url}${db.seededNow ? ` (${db.seededNow.toLocaleString('en-US')} seeded in ${db.seedSeconds.toFixed(0)} s)` : ' (reused)'}`);
  // Phones never answer: each call rings one agent (rrmemory), the pop goes out, the caller gives up.
  const spec: SimConfigSpec = { agents, queues, strategy: 'rrmemory', ringTimeoutS: 30, wrapupS: 0, greeting: greets };
  const extensions = Array.from({ length: agents }, (_, i) => agentEndpoint(spec, i));
  const userIds = await ensureAgents(db.url, extensions);
  await dropBenchSessions(db.url);
  const cookies = await createSessions(
    db.url,
    extensions.map((e) => userIds.get(e) as string),
  );
  const callers = await sampleCallerNumbers(db.url, 5000);
  progress(`screen-pop: ${agents} agents with sessions, ${callers.length} caller numbers of existing customers`);
  const configDir = await writeSimConfig(spec);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-server-'));
  const sim = await SimProcess.spawn();
  let server: ServerProcess | null = null;
  let closePool: (() => Promise<void>) | null = null;
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
    await sim.request({ cmd: 'traffic', perExten: Array.from({ length: queues }, (_, q) => ({ exten: queueExten(q), callsPerSecond: rate / queues })), talk: { meanMs: 10_000 }, patience: { meanMs: 4_000, minMs: 3_000, maxMs: 6_000 }, callerNumbers: callers });
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
      // Agent i of PJSIP/<base + i> sits in queue i % queues (sim-config spreads them round-robin).
      const queue = (Number(key.slice(key.lastIndexOf('/') + 1)) - (spec.base ?? 10000)) % queues;
      byGreeting[greets(queue) ? 0 : 1].push(latency);
    }
    const [greeted, straight] = [figures(byGreeting[0]), figures(byGreeting[1])];
    const kinds = new Map<string, number>();
    for (const p of pops) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    const [p50, p90, p99, max] = [quantile(latencies, 0.5), quantile(latencies, 0.9), quantile(latencies, 0.99), Math.max(...latencies)];
    const edges = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 50, 100, 200];
    const bins = edges.map((e, i) => ({ label: `<${e}`, value: latencies.filter((l) => l < e && l >= (edges[i - 1] ?? 0)).length }));
    bins.push({ label: `>=${edges.at(-1)}`, value: latencies.filter((l) => l >= (edges.at(-1) as number)).length });
    const chart = await writeChart('screen-pop', barChart(`screen pop latency: ${rate} calls/s, ${agents} agents, ${db.customers.toLocaleString('en-US')} customers (p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms)`, 'AgentCalled -> screenPop on the socket (ms)', 'pops', bins));
    console.log(`screen-pop: ${rate} calls/s for ${seconds} s, ${agents} agent sockets, ${queues} queues, ${db.customers.toLocaleString('en-US')} customers on PostgreSQL; server, pbx-sim and the bench (sockets on ${socketThreads} thread(s)) in 3 processes (${load})`);
    console.log(`  pops received ${received} of ${expected} expected (first ${WARMUP_S} s excluded as warm-up); matches ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`  latency ms: p50 ${p50.toFixed(2)}, p90 ${p90.toFixed(2)}, p99 ${p99.toFixed(2)}, max ${max.toFixed(2)} (target p99 <= 10)`);
    console.log(`    callers greeted first (${greetedQueues} of ${queues} queues): ${fmt(greeted)}`);
    console.log(`    callers put straight into a queue (${queues - greetedQueues} of ${queues} queues; Answer() goes on at the caller's first media, ${opts.answerMediaMs ?? DEFAULT_ANSWER_MEDIA_MS} ms): ${fmt(straight)}`);
    console.log(`  socket messages received by all agents during the traffic: ${trafficMessages.toLocaleString('en-US')} (${Math.round(trafficMessages / seconds).toLocaleString('en-US')}/s); event-loop delay of the sockets' ${socketThreads} thread(s), worst: p99 ${socketStats.loopP99Ms.toFixed(1)} ms, max ${socketStats.loopMaxMs.toFixed(1)} ms`);
    console.log(`  server process during the traffic: event-loop delay p50 ${serverLoop.p50Ms.toFixed(1)} ms, p99 ${serverLoop.p99Ms.toFixed(1)} ms, max ${serverLoop.maxMs.toFixed(1)} ms; CPU ${(serverLoop.cpuShare * 100).toFixed(0)}% of one core`);
    console.log(`  CPU during the traffic (share of one core; the machine has ${os.cpus().length}): ${Object.entries(cpuShares).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}, total ${(Object.values(cpuShares).reduce((a, b) => a + b, 0) * 100).toFixed(0)}%`);
    console.log(`  clocks: pbx-sim's wall clock differs from the sockets' by ${clock.offsetMs.toFixed(3)} ms (corrected; measured over IPC, round trip ${clock.rttMs.toFixed(2)} ms)`);
    console.log(`  chart: ${chart}`);
    return { callsPerSecond: rate, agents, customers: db.customers, expected, received, p50, p90, p99, max, greeted, straight, answerMediaMs: opts.answerMediaMs ?? DEFAULT_ANSWER_MEDIA_MS };
  } finally {
    await closePool?.();
    await server?.stop().catch(() => undefined);
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(configDir, { recursive: true, force: true });
    await dropBenchSessions(db.url).catch(() => undefined);
  }
}
