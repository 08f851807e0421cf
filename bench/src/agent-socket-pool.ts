import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AgentSocketWorkerData, AgentSocketWorkerMessage } from './agent-socket-worker.js';

/** A received pop: `callId|PJSIP/<ext>`, the wall-clock arrival time, and the match kind. */
export interface ReceivedPop {
  key: string;
  t: number;
  kind: string;
}

/**
 * The agents' browsers for a bench: their sockets spread over `workers` threads of this process,
 * each with its own event loop (2,000 browsers never share one; one loop decoding every agent's
 * messages would add its own queueing to every pop). Arrival times are taken on the thread that
 * received the pop.
 */
export class AgentSocketPool {
  readonly pops: ReceivedPop[] = [];

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) w.on('message', (m: AgentSocketWorkerMessage) => m.type === 'pop' && this.pops.push({ key: m.key, t: m.t, kind: m.kind }));
  }

  /** Connects every agent (each waits for its snapshot); `onProgress` gets the count connected so far. */
  static async connect(url: string, agents: Array<{ ext: string; cookie: string }>, threads: number, onProgress: (connected: number) => void): Promise<AgentSocketPool> {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'agent-socket-worker.js');
    const shares = Array.from({ length: threads }, (_, w) => agents.filter((_, i) => i % threads === w));
    const connected = shares.map(() => 0);
    const workers: Worker[] = [];
    await Promise.all(
      shares.map(
        (share, w) =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(file, { workerData: { url, agents: share } satisfies AgentSocketWorkerData });
            workers.push(worker);
            worker.on('error', reject);
            worker.on('message', (m: AgentSocketWorkerMessage) => {
              if (m.type === 'failed') reject(new Error(m.message));
              if (m.type !== 'connected') return;
              connected[w] = m.count;
              onProgress(connected.reduce((a, b) => a + b, 0));
              if (m.count === share.length) resolve();
            });
          }),
      ),
    ).catch(async (err: unknown) => {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    });
    return new AgentSocketPool(workers);
  }

  /** Starts counting messages and event-loop delay afresh on every thread. */
  reset(): void {
    for (const w of this.workers) w.postMessage({ cmd: 'reset' });
  }

  /** Messages received since reset, and the worst thread's event-loop delay. */
  async stats(): Promise<{ messages: number; loopP99Ms: number; loopMaxMs: number }> {
    const all = await Promise.all(this.workers.map((w) => this.ask<Extract<AgentSocketWorkerMessage, { type: 'stats' }>>(w, 'stats')));
    return { messages: all.reduce((s, x) => s + x.messages, 0), loopP99Ms: Math.max(...all.map((x) => x.loopP99Ms)), loopMaxMs: Math.max(...all.map((x) => x.loopMaxMs)) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, 'close').catch(() => undefined)));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private ask<T extends AgentSocketWorkerMessage>(worker: Worker, cmd: 'stats' | 'close'): Promise<T> {
    const type = cmd === 'stats' ? 'stats' : 'closed';
    return new Promise((resolve) => {
      const on = (m: AgentSocketWorkerMessage) => {
        if (m.type !== type) return;
        worker.off('message', on);
        resolve(m as T);
      };
      worker.on('message', on);
      worker.postMessage({ cmd });
    });
  }
}
