import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A Ringside server started in a child process (bench/dist/server-child.js) with the given environment. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-child.js');
    // BENCH_CPU_PROF_DIR: the server writes a CPU profile of the measured window there (server-child.ts).
    const profDir = process.env['BENCH_CPU_PROF_DIR'];
    const child = fork(file, [], { env: { PATH: process.env['PATH'] ?? '', ...env, ...(profDir ? { BENCH_CPU_PROF_DIR: profDir } : {}) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: (process.env['BENCH_SERVER_NODE_FLAGS'] ?? '').split(' ').filter(Boolean) });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('server did not start in time'));
      }, timeoutMs);
      child.on('message', (m: { type: string; port?: number; message?: string }) => {
        clearTimeout(timer);
        if (m.type === 'ready' && m.port) resolve(m.port);
        else reject(new Error(`server failed to start: ${m.message ?? 'unknown'}`));
      });
      child.once('exit', (c) => {
        clearTimeout(timer);
        reject(new Error(`server process exited (${c})`));
      });
    });
    return new ServerProcess(child, port);
  }

  /** Starts measuring the server's event-loop delay and CPU time. */
  resetLoopStats(): void {
    this.child.send({ cmd: 'loopReset' });
  }

  /** The server's event-loop delay and CPU share (1 = one core) since resetLoopStats. */
  loopStats(): Promise<{ p50Ms: number; p99Ms: number; maxMs: number; cpuShare: number }> {
    return new Promise((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== 'loopStats') return;
        this.child.off('message', on);
        resolve(m as unknown as { p50Ms: number; p99Ms: number; maxMs: number; cpuShare: number });
      };
      this.child.on('message', on);
      this.child.send({ cmd: 'loopStats' });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ cmd: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
