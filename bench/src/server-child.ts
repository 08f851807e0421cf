import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createServer, loadConfig, type RingsideServer } from '@ringside/server';

// A Ringside server in its own process, configured by the environment the bench hands it: the
// bench's 2,000 socket clients must not share an event loop with the server they measure.

let server: RingsideServer | null = null;
// The server's own event-loop delay and CPU time, so a bench can tell where latency queues up.
const loop = monitorEventLoopDelay({ resolution: 5 });
let cpuFrom = process.cpuUsage();
let wallFrom = performance.now();
const send = (m: unknown) => process.send?.(m);
// BENCH_CPU_PROF_DIR: a CPU profile of the measured window only (loopReset to loopStats), not of start-up.
const profDir = process.env['BENCH_CPU_PROF_DIR'];
let profiler: Session | null = null;

async function startProfile(): Promise<void> {
  if (!profDir) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

async function stopProfile(): Promise<void> {
  if (!profiler || !profDir) return;
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = null;
  await writeFile(path.join(profDir, `server-${Date.now()}.cpuprofile`), JSON.stringify(profile));
}

async function start(): Promise<void> {
  server = createServer(loadConfig(process.env));
  const { port } = await server.start();
  const ami = server.parts().pbx.ami;
  if (ami) await ami.whenReady(30_000);
  send({ type: 'ready', port });
}

async function stop(code: number): Promise<void> {
  try {
    await server?.stop();
  } finally {
    process.exit(code);
  }
}

process.on('message', (m: { cmd?: string }) => {
  if (m.cmd === 'stop') void stop(0);
  if (m.cmd === 'loopReset') {
    loop.reset();
    loop.enable();
    cpuFrom = process.cpuUsage();
    wallFrom = performance.now();
    void startProfile();
  }
  if (m.cmd === 'loopStats') {
    loop.disable();
    const cpu = process.cpuUsage(cpuFrom);
    void stopProfile();
    send({ type: 'loopStats', p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6, cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallFrom) });
  }
});
process.on('disconnect', () => void stop(0));
start().catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  void stop(1);
});
