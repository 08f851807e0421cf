import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from './repo.js';

/** The built server's CLI and pbx-sim's, as an operator starts them. */
export const SERVER_MAIN = path.join(repoRoot, 'server', 'dist', 'main.js');
export const PBX_SIM_CLI = path.join(repoRoot, 'pbx-sim', 'dist', 'cli.js');

/** A port nobody listens on right now (for a child that must keep the same port across restarts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A node program in a child process of its own, its stdout and stderr kept for waiting and for failure messages. */
export class NodeProcess {
  private readonly child: ChildProcess;
  private text = '';
  private readonly waiters = new Set<() => void>();
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    readonly label: string,
    script: string,
    args: string[],
    env: Record<string, string>,
  ) {
    // Only what the test decides reaches the child: no developer's DATABASE_URL or PBX_MODE leaks in.
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
    this.child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
      for (const w of this.waiters) w();
    };
    this.child.stdout?.on('data', take);
    this.child.stderr?.on('data', take);
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const w of this.waiters) w();
    });
  }

  /** Everything the process printed so far. */
  output(): string {
    return this.text;
  }

  /** Resolves with the first match of `pattern` in the output from `from` on; fails when the process exits or `timeoutMs` passes. */
  waitFor(pattern: RegExp, timeoutMs = 30_000, from = 0): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(this.text.slice(from));
        if (m) return finish(() => resolve(m));
        if (this.exited) finish(() => reject(new Error(`${this.label} exited (${JSON.stringify(this.exited)}) before printing ${pattern}:\n${this.tail()}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`${this.label} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The last lines of output, for a failure message. */
  tail(lines = 40): string {
    return this.text.split('\n').slice(-lines).join('\n');
  }

  /** SIGKILL: the process gets no chance to flush, close sockets or write anything. */
  async kill9(): Promise<void> {
    if (this.exited) return;
    const gone = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM and wait (SIGKILL after `graceMs`); harmless when already gone. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.exited) return;
    const gone = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value other than undefined; a test-side wait with a deadline, never product code. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
