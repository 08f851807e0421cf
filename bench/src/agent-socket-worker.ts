import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import type { ScreenPop } from '@ringside/shared';
import { wallNow } from './bench-stats.js';

// A share of the agents' browsers: socket.io-client sockets on this thread's own event loop, so a
// burst decoded by one share does not hold up the pops of another (browsers do not share a loop).

/** What the pool hands a worker. */
export interface AgentSocketWorkerData {
  url: string;
  agents: Array<{ ext: string; cookie: string }>;
}

/** Messages a worker posts. */
export type AgentSocketWorkerMessage =
  | { type: 'connected'; count: number }
  | { type: 'failed'; message: string }
  | { type: 'pop'; key: string; t: number; kind: string }
  | { type: 'stats'; messages: number; loopP99Ms: number; loopMaxMs: number }
  | { type: 'closed' };

const data = workerData as AgentSocketWorkerData;
const port = parentPort;
if (!port) throw new Error('agent-socket-worker runs as a worker thread');
const post = (m: AgentSocketWorkerMessage) => port.postMessage(m);
const sockets: Socket[] = [];
const loop = monitorEventLoopDelay({ resolution: 5 });
let messages = 0;

async function connectAll(): Promise<void> {
  for (let i = 0; i < data.agents.length; i += 100) {
    await Promise.all(
      data.agents.slice(i, i + 100).map(
        ({ ext, cookie }) =>
          new Promise<void>((resolve, reject) => {
            const s = io(data.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, timeout: 30_000 });
            s.onAny(() => void messages++);
            s.on('screenPop', (pop: ScreenPop) => post({ type: 'pop', key: `${pop.callId}|PJSIP/${ext}`, t: wallNow(), kind: pop.match.kind }));
            s.once('snapshot', () => resolve());
            s.once('connect_error', (e) => reject(new Error(`agent ${ext} could not connect: ${e.message}`)));
            sockets.push(s);
          }),
      ),
    );
    post({ type: 'connected', count: Math.min(i + 100, data.agents.length) });
  }
}

port.on('message', (m: { cmd: 'reset' | 'stats' | 'close' }) => {
  if (m.cmd === 'reset') {
    messages = 0;
    loop.reset();
    loop.enable();
  } else if (m.cmd === 'stats') {
    loop.disable();
    post({ type: 'stats', messages, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6 });
  } else if (m.cmd === 'close') {
    for (const s of sockets) s.disconnect();
    post({ type: 'closed' });
  }
});

connectAll().catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
