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
  }
  if (m.cmd === 'loopStats') {
    loop.disable();
    const cpu = process.cpuUsage(cpuFrom);
    send({ type: 'loopStats', p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6, cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallFrom) });
  }
});
process.on('disconnect', () => void stop(0));
start().catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  void stop(1);
});
