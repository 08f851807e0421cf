import { rm } from 'node:fs/promises';
import { AmiConnection, field, type AmiMessage } from '@ringside/server';
import { lineChart, writeChart } from './chart.js';
import { loadAverage, progress, slope, sleep, waitFor } from './bench-stats.js';
import { queueExten, writeSimConfig } from './sim-config.js';
import { SimProcess, type SimStats } from './sim-process.js';

/** What the soak measured. */
export interface SimSoakResult {
  callsPerSecond: number;
  minutes: number;
  stats: SimStats;
  reconciled: boolean;
  heapGrowthMbPerMin: number;
  bounded: boolean;
}

const AGENTS = 250;
const QUEUES = 4;
const SAMPLE_MS = 10_000;
const MB = 1024 * 1024;

/**
 * pbx-sim alone (its own process) under Poisson traffic for `minutes`, a CTI-like AMI client
 * attached with every event on. Then the traffic stops, the last callers finish, and the
 * generator's counts are checked against the switch's own QueueStatus/QueueSummary.
 */
export async function runSimSoak(opts: { minutes?: number; callsPerSecond?: number }): Promise<SimSoakResult> {
  const minutes = opts.minutes ?? 10;
  const cps = opts.callsPerSecond ?? 20;
  const configDir = await writeSimConfig({ agents: AGENTS, queues: QUEUES, strategy: 'rrmemory', ringTimeoutS: 15, wrapupS: 1 });
  const sim = await SimProcess.spawn();
  let ami: AmiConnection | null = null;
  try {
    const { amiPort } = await sim.request<{ amiPort: number }>({ cmd: 'start', configDir, autoAnswerMs: 1000 });
    let events = 0;
    ami = await AmiConnection.connect({ host: '127.0.0.1', port: amiPort, username: 'cti', secret: 'cti-secret', events: 'on' }, { event: () => void events++ });
    const samples: Array<{ t: number; heapUsed: number; rss: number; active: number }> = [];
    const sample = async (t: number) => {
      const s = await sim.request<{ heapUsed: number; rss: number; stats: SimStats }>({ cmd: 'sample' });
      samples.push({ t, heapUsed: s.heapUsed, rss: s.rss, active: s.stats.active });
      return s;
    };
    await sample(0);
    // Offered load ~20 cps x (1 s ring + 12 s talk) = 260 Erlangs on 250 agents: queues build up,
    // so some callers are answered and some give up, as the issue asks.
    await sim.request({ cmd: 'traffic', perExten: Array.from({ length: QUEUES }, (_, q) => ({ exten: queueExten(q), callsPerSecond: cps / QUEUES })), talk: { meanMs: 12_000, minMs: 2_000, maxMs: 40_000 }, patience: { meanMs: 20_000, minMs: 3_000, maxMs: 60_000 } });
    const started = Date.now();
    const endAt = started + minutes * 60_000;
    while (Date.now() < endAt) {
      await sleep(Math.min(SAMPLE_MS - ((Date.now() - started) % SAMPLE_MS), endAt - Date.now()));
      const s = await sample((Date.now() - started) / 60_000);
      progress(`sim-soak ${((Date.now() - started) / 60_000).toFixed(1)}/${minutes} min: placed ${s.stats.placed}, live ${s.stats.active}, answered ${s.stats.answered}, abandoned ${s.stats.abandoned}, heap ${(s.heapUsed / MB).toFixed(1)} MB, rss ${(s.rss / MB).toFixed(0)} MB, AMI events ${events}`);
    }
    await sim.request({ cmd: 'stopTraffic' });
    progress('sim-soak: traffic stopped, waiting for the last callers to finish');
    let final = await sim.request<SimStats>({ cmd: 'stats' });
    await waitFor(async () => (final = await sim.request<SimStats>({ cmd: 'stats' })).active === 0, 120_000, 500);
    const status = await ami.sendAction({ Action: 'QueueStatus' }, { timeoutMs: 10_000 });
    const summary = await ami.sendAction({ Action: 'QueueSummary' }, { timeoutMs: 10_000 });
    const params = status.events.filter((e: AmiMessage) => field(e, 'Event') === 'QueueParams');
    const sumOf = (key: string) => params.reduce((n, e) => n + Number(field(e, key)), 0);
    const completed = sumOf('Completed');
    const abandoned = sumOf('Abandoned');
    const entries = status.events.filter((e) => field(e, 'Event') === 'QueueEntry').length;
    const waiting = summary.events.filter((e) => field(e, 'Event') === 'QueueSummary').reduce((n, e) => n + Number(field(e, 'Callers')), 0);
    const checks = {
      'every caller answered or abandoned': final.active === 0 && final.failed === 0 && final.placed === final.completed + final.abandoned,
      'QueueParams Completed = answered': completed === final.completed && final.answered === final.completed,
      'QueueParams Abandoned = abandoned': abandoned === final.abandoned,
      'no QueueEntry / QueueSummary Callers = 0': entries === 0 && waiting === 0,
    };
    const reconciled = Object.values(checks).every(Boolean);
    const warmup = Math.min(2, minutes * 0.3);
    const steady = samples.filter((s) => s.t >= warmup);
    const bytesPerMin = slope(steady.map((s) => [s.t, s.heapUsed]));
    const meanHeap = steady.reduce((n, s) => n + s.heapUsed, 0) / Math.max(1, steady.length);
    // Bounded: the fitted growth over the whole run stays under 10% of the steady-state heap.
    const bounded = Math.abs(bytesPerMin) * minutes < 0.1 * meanHeap;
    const svg = lineChart(`pbx-sim soak: ${cps} calls/s for ${minutes} min (heap after forced GC)`, 'minutes', 'MB', [
      { label: 'heap used', points: samples.map((s) => [s.t, s.heapUsed / MB]) },
      { label: 'RSS', points: samples.map((s) => [s.t, s.rss / MB]) },
      { label: 'live calls / 10', points: samples.map((s) => [s.t, s.active / 10]) },
    ]);
    const chart = await writeChart('sim-soak', svg);
    console.log(`sim-soak: ${cps} calls/s for ${minutes} min, ${AGENTS} agents in ${QUEUES} queues, pbx-sim in its own process, one AMI client with all events (${events.toLocaleString('en-US')} events) (${loadAverage()})`);
    console.log(`  placed ${final.placed}, answered ${final.answered}, abandoned ${final.abandoned}, failed ${final.failed}, still live ${final.active}`);
    console.log(`  switch: QueueParams Completed ${completed}, Abandoned ${abandoned}, QueueEntry ${entries}, QueueSummary Callers ${waiting}`);
    for (const [name, ok] of Object.entries(checks)) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
    console.log(`  heap (after GC) ${(samples[0]!.heapUsed / MB).toFixed(1)} MB at start, mean ${(meanHeap / MB).toFixed(1)} MB after ${warmup.toFixed(1)} min warm-up, slope ${(bytesPerMin / 1024).toFixed(1)} KB/min -> ${bounded ? 'bounded' : 'NOT bounded'}; RSS ${(samples.at(-1)!.rss / MB).toFixed(0)} MB at end`);
    console.log(`  chart: ${chart}`);
    return { callsPerSecond: cps, minutes, stats: final, reconciled, heapGrowthMbPerMin: bytesPerMin / MB, bounded };
  } finally {
    await ami?.close().catch(() => undefined);
    await sim.close();
    await rm(configDir, { recursive: true, force: true });
  }
}
