import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import AsteriskManager from 'asterisk-manager';
import { AmiConnection, mapAmiEvent } from '@ringside/server';
import { loadAmiCorpus, type AmiCorpus } from './ami-corpus.js';

/** Figures of one ami-ingest run. */
export interface AmiIngestResult {
  events: number;
  runs: number;
  ringside: number[];
  baseline: number[];
  eventsPerSecond: number;
  baselineEventsPerSecond: number;
}

interface Streamer {
  port: number;
  stop(): Promise<void>;
}

async function startStreamer(corpus: AmiCorpus, repeat: number): Promise<Streamer> {
  const worker = new Worker(new URL('./ami-streamer.js', import.meta.url), { workerData: { block: corpus.block, repeat } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    port,
    async stop() {
      await worker.terminate();
    },
  };
}

/** Counts events from the first to the last; the rate is what the client sustained in between. */
class Meter {
  private count = 0;
  private first = 0;
  private seen = -1;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly total: number,
    private readonly done: (eventsPerSecond: number) => void,
    stalled: (message: string) => void,
  ) {
    // A client that loses events would otherwise wait forever for the last one.
    this.watchdog = setInterval(() => {
      if (this.count === this.seen) {
        clearInterval(this.watchdog);
        stalled(`stalled at ${this.count} of ${this.total} events`);
      }
      this.seen = this.count;
    }, 10_000);
  }

  tick(): void {
    if (this.count === 0) this.first = performance.now();
    if (++this.count === this.total) {
      clearInterval(this.watchdog);
      this.done(((this.total - 1) / (performance.now() - this.first)) * 1000);
    }
  }
}

/** Ringside's path: own parser and connection, every event through the domain mapper. */
async function ringsideRun(port: number, total: number): Promise<number> {
  let mapped = 0;
  let bad = 0;
  let conn: AmiConnection | undefined;
  const rate = await new Promise<number>((resolve, reject) => {
    const meter = new Meter(total, resolve, (m) => reject(new Error(m)));
    AmiConnection.connect(
      // The streaming peer answers Pings, but the bench measures ingest, not the heartbeat.
      { host: '127.0.0.1', port, username: 'bench', secret: 'bench', pingIntervalMs: 3_600_000, pingTimeoutMs: 3_600_000 },
      {
        event: (e) => {
          mapped += mapAmiEvent(e, Date.now()).length;
          meter.tick();
        },
        problem: () => void bad++,
        close: (reason) => reject(new Error(`ringside client closed early: ${reason}`)),
      },
    ).then((c) => (conn = c), reject);
  });
  conn?.destroy('bench over');
  if (bad > 0) throw new Error(`ringside parser reported ${bad} bad frames in the corpus`);
  if (mapped === 0) throw new Error('the mapper produced no domain events');
  return rate;
}

/** The peer: asterisk-manager 0.2 with events on, one listener on every event. */
async function baselineRun(port: number, total: number): Promise<number> {
  let ami: ReturnType<typeof AsteriskManager> | undefined;
  const rate = await new Promise<number>((resolve, reject) => {
    const meter = new Meter(total, resolve, (m) => reject(new Error(m)));
    ami = AsteriskManager(port, '127.0.0.1', 'bench', 'bench', true);
    ami.on('managerevent', () => meter.tick());
    ami.on('close', () => reject(new Error('asterisk-manager closed early')));
  });
  ami?.disconnect();
  return rate;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Replays the recorded AMI corpus (every ami-*.txt event, repeated to about `events`) over
 * loopback TCP from a worker thread into (a) Ringside's parser + mapper and (b) asterisk-manager,
 * `runs` times each, interleaved, and reports the median events per second of each.
 */
export async function runAmiIngest(options: { events?: number; runs?: number; log?: (line: string) => void } = {}): Promise<AmiIngestResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const corpus = loadAmiCorpus();
  const repeat = Math.max(1, Math.round((options.events ?? 1_000_000) / corpus.eventsPerBlock));
  const total = repeat * corpus.eventsPerBlock;
  const runs = options.runs ?? 5;
  log(`ami-ingest: ${corpus.files.length} recorded streams, ${corpus.eventsPerBlock} events (${fmt(corpus.block.length)} bytes) x ${repeat} = ${fmt(total)} events per run, ${runs} runs each`);
  const ringside: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [name, run, into] of [
      ['ringside', ringsideRun, ringside],
      ['asterisk-manager', baselineRun, baseline],
    ] as const) {
      const streamer = await startStreamer(corpus, repeat);
      try {
        const rate = await run(streamer.port, total);
        into.push(rate);
        log(`  run ${i + 1} ${name.padEnd(16)} ${fmt(rate).padStart(12)} events/s`);
      } finally {
        await streamer.stop();
      }
    }
  }
  const result = { events: total, runs, ringside, baseline, eventsPerSecond: median(ringside), baselineEventsPerSecond: median(baseline) };
  log(`median ringside parser+mapper: ${fmt(result.eventsPerSecond)} events/s`);
  log(`median asterisk-manager:       ${fmt(result.baselineEventsPerSecond)} events/s`);
  log(`ratio: ${(result.eventsPerSecond / result.baselineEventsPerSecond).toFixed(1)}x`);
  return result;
}
