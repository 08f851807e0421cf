import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AmiConnection, createServer, loadConfig, type RingsideServer } from '@ringside/server';
import { AmiProxy } from './ami-proxy.js';
import { benchServerEnv, ensureAgents, prepareBenchDatabase } from './bench-db.js';
import { barChart, writeChart } from './chart.js';
import { loadAverage, median, progress, sleep, waitFor } from './bench-stats.js';
import { agentEndpoint, queueExten, writeSimConfig, type SimConfigSpec } from './sim-config.js';
import { SimProcess, type SimStats } from './sim-process.js';

/** What the resync bench measured. */
export interface ResyncResult {
  calls: number;
  runsMs: number[];
  medianMs: number;
  baselineRunsMs: number[];
  baselineMedianMs: number;
  coldMedianMs: number;
}

/**
 * 1,500 answered calls live on pbx-sim (its own process); a Ringside server in this process
 * follows it over AMI through a relay. The relay cuts the connection; the time runs from the
 * client's new TCP connection to the CTI state holding every call again. Baseline: one plain
 * CoreShowChannels round trip on a separate AMI session, interleaved with the runs. Also: a
 * fresh server (empty state) from its AMI connect to every call in its state.
 */
export async function runResync(opts: { calls?: number; runs?: number }): Promise<ResyncResult> {
  const calls = opts.calls ?? 1500;
  const runs = opts.runs ?? 5;
  const spec: SimConfigSpec = { agents: Math.ceil((calls * 1.07) / 16) * 16, queues: 16, strategy: 'leastrecent', ringTimeoutS: 15, wrapupS: 0 };
  const db = await prepareBenchDatabase(0);
  await ensureAgents(
    db.url,
    Array.from({ length: spec.agents }, (_, i) => agentEndpoint(spec, i)),
  );
  const configDir = await writeSimConfig(spec);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-resync-'));
  const sim = await SimProcess.spawn();
  let server: RingsideServer | null = null;
  let proxy: AmiProxy | null = null;
  let plain: AmiConnection | null = null;
  try {
    const ports = await sim.request<{ amiPort: number; httpPort: number }>({ cmd: 'start', configDir, autoAnswerMs: 200 });
    progress(`resync: placing ${calls} calls on ${spec.agents} agents (talk time 1 h)`);
    await sim.request({ cmd: 'place', count: calls, extens: Array.from({ length: spec.queues }, (_, q) => queueExten(q)), talkMs: 3_600_000 });
    const up = await waitFor(async () => (await sim.request<SimStats>({ cmd: 'stats' })).manual.bridged >= calls, 60_000, 250);
    const simStats = await sim.request<SimStats>({ cmd: 'stats' });
    if (!up) throw new Error(`only ${simStats.manual.bridged} of ${calls} calls were answered`);
    progress(`resync: ${simStats.manual.bridged} calls up, ${simStats.channels} channels`);
    proxy = new AmiProxy({ host: '127.0.0.1', port: ports.amiPort });
    await proxy.listen();
    const ringside = () =>
      createServer(
        loadConfig(benchServerEnv({ databaseUrl: db.url, dataDir, amiPort: proxy!.port, ariPort: ports.httpPort })),
      );
    server = ringside();
    await server.start();
    const parts = server.parts();
    const ami = parts.pbx.ami!;
    const cti = parts.cti!;
    await ami.whenReady(30_000);
    const liveCalls = () => cti.service.state().supervisorSnapshot().calls.length;
    if (!(await waitFor(() => liveCalls() >= calls, 30_000))) throw new Error(`CTI state holds ${liveCalls()} calls after the first connect, expected ${calls}`);
    plain = await AmiConnection.connect({ host: '127.0.0.1', port: ports.amiPort, username: 'cti', secret: 'cti-secret', events: 'off' });
    const runsMs: number[] = [];
    const baselineRunsMs: number[] = [];
    const found: number[] = [];
    const coldRunsMs: number[] = [];
    let coldUpperBound = false;
    let channelsListed = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const reply = await plain.sendAction({ Action: 'CoreShowChannels' }, { timeoutMs: 30_000 });
      baselineRunsMs.push(performance.now() - t);
      channelsListed = reply.events.length;
      let acceptedAt = 0;
      proxy.onAccept = (at) => (acceptedAt = at);
      const rebuilt = new Promise<number>((resolve) => ami.once('resynced', () => resolve(performance.now())));
      proxy.drop();
      const doneAt = await rebuilt;
      found.push(liveCalls());
      runsMs.push(doneAt - acceptedAt);
      await sleep(300);
      // Cold: a second server whose state starts empty connects; the same switch, the same relay.
      const cold = ringside();
      let coldAccept = 0;
      proxy.onAccept = (at) => (coldAccept = at);
      try {
        await cold.start();
        const coldParts = cold.parts();
        const coldCalls = () => coldParts.cti!.service.state().supervisorSnapshot().calls.length;
        const already = coldCalls() >= calls;
        if (!already) await coldParts.pbx.ami!.whenReady(30_000);
        if (!(await waitFor(() => coldCalls() >= calls, 30_000, 1))) throw new Error(`a fresh server rebuilt ${coldCalls()} of ${calls} calls`);
        coldRunsMs.push(performance.now() - coldAccept);
        if (already) coldUpperBound = true;
      } finally {
        await cold.stop();
      }
      progress(`  run ${r + 1}/${runs}: reconnect -> ${found.at(-1)} calls in state ${(doneAt - acceptedAt).toFixed(1)} ms; fresh server connect -> ${calls} calls ${coldRunsMs.at(-1)!.toFixed(1)} ms; CoreShowChannels (${channelsListed} channels) ${baselineRunsMs.at(-1)!.toFixed(1)} ms`);
      await sleep(300);
    }
    const load = loadAverage();
    if (found.some((n) => n < calls)) throw new Error(`after a resync the state held ${Math.min(...found)} calls, expected ${calls}`);
    const medianMs = median(runsMs);
    const baselineMedianMs = median(baselineRunsMs);
    const chart = await writeChart(
      'resync',
      barChart(`AMI reconnect -> ${calls} live calls rebuilt (median of ${runs})`, '', 'ms', [
        { label: 'CoreShowChannels round trip (baseline)', value: Number(baselineMedianMs.toFixed(1)), color: '#9ca3af' },
        { label: 'reconnect -> state rebuilt', value: Number(medianMs.toFixed(1)) },
        { label: 'fresh server: connect -> state built', value: Number(median(coldRunsMs).toFixed(1)), color: '#16a34a' },
      ]),
    );
    console.log(`resync: ${calls} answered calls (${channelsListed} channels), ${spec.agents} agents in ${spec.queues} queues; pbx-sim in its own process, Ringside server (AMI client + CTI) in this one (${load})`);
    console.log(`  reconnect -> state rebuilt (login, CoreShowChannels + QueueStatus + QueueSummary, mapping, applying): ${runsMs.map((m) => m.toFixed(1)).join(' / ')} ms, median ${medianMs.toFixed(1)} ms (target <= 1000)`);
    console.log(`  fresh server (empty state) from its AMI connect to all ${calls} calls: ${coldRunsMs.map((m) => m.toFixed(1)).join(' / ')} ms, median ${median(coldRunsMs).toFixed(1)} ms${coldUpperBound ? ' (upper bound: some resyncs finished before start() returned)' : ''}`);
    console.log(`  baseline CoreShowChannels round trip: ${baselineRunsMs.map((m) => m.toFixed(1)).join(' / ')} ms, median ${baselineMedianMs.toFixed(1)} ms; ratio ${(medianMs / baselineMedianMs).toFixed(1)}x`);
    console.log(`  chart: ${chart}`);
    return { calls, runsMs, medianMs, baselineRunsMs, baselineMedianMs, coldMedianMs: median(coldRunsMs) };
  } finally {
    await plain?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await proxy?.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(configDir, { recursive: true, force: true });
  }
}
