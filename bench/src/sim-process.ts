import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exponential durations clamped to [minMs, maxMs], as pbx-sim's TrafficGenerator draws them. */
export interface DurationSpec {
  meanMs: number;
  minMs?: number;
  maxMs?: number;
}

/** Live counts of the switch's generated (and bench-placed) calls. */
export interface SimStats {
  placed: number;
  active: number;
  answered: number;
  abandoned: number;
  completed: number;
  failed: number;
  channels: number;
  manual: { placed: number; bridged: number; ended: number };
}

export type SimRequest =
  | { cmd: 'start'; configDir: string; autoAnswerMs?: number; answerMediaMs?: number; stampAgentCalled?: boolean }
  | { cmd: 'traffic'; perExten: Array<{ exten: string; callsPerSecond: number; callerNumbers?: string[] }>; talk: DurationSpec; patience: DurationSpec; callerNumbers?: string[] }
  | { cmd: 'place'; count: number; extens: string[]; talkMs: number }
  | { cmd: 'stopTraffic' }
  | { cmd: 'stats' }
  | { cmd: 'now' }
  | { cmd: 'sample' }
  | { cmd: 'exit' };

/** A pbx-sim running in a child process (bench/dist/sim-child.js), with a small request/reply channel. */
export class SimProcess {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  onCalled: ((stamps: Array<[string, string, number]>) => void) | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id?: number; result?: unknown; error?: string; type?: string; stamps?: Array<[string, string, number]> }) => {
      if (m.type === 'called' && m.stamps) this.onCalled?.(m.stamps);
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(`pbx-sim: ${m.error}`));
      else p?.resolve(m.result);
    });
    child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`pbx-sim process exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async spawn(): Promise<SimProcess> {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sim-child.js');
    // BENCH_SIM_PROF_DIR: pbx-sim writes a CPU profile there when it exits (where the stand-in switch spends its time).
    const profDir = process.env['BENCH_SIM_PROF_DIR'];
    const child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (c) => reject(new Error(`pbx-sim process exited early (${c})`)));
    });
    return new SimProcess(child);
  }

  request<T>(req: SimRequest): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, req });
    });
  }

  /**
   * How far the child's wall clock (timeOrigin + now) runs ahead of ours, from the round trip with
   * the smallest delay: the two timeOrigins are sampled at different process starts.
   */
  async clockOffset(samples = 20): Promise<{ offsetMs: number; rttMs: number }> {
    let best = { offsetMs: 0, rttMs: Infinity };
    for (let i = 0; i < samples; i++) {
      const t0 = performance.timeOrigin + performance.now();
      const child = await this.request<number>({ cmd: 'now' });
      const t1 = performance.timeOrigin + performance.now();
      if (t1 - t0 < best.rttMs) best = { offsetMs: child - (t0 + t1) / 2, rttMs: t1 - t0 };
    }
    return best;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    await this.request({ cmd: 'exit' }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
