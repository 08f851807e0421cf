import v8 from 'node:v8';
import vm from 'node:vm';
import { placeInboundCall, startPbxSim, TrafficGenerator, type PbxSim } from '@ringside/pbx-sim';

type TrafficOptions = Parameters<TrafficGenerator['start']>[0];
import type { SimRequest, SimStats } from './sim-process.js';

// The simulated switch in its own process, as Asterisk would be: its heap and RSS are its own,
// and its event loop does not share a thread with the client being measured. Driven over IPC.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let sim: PbxSim | null = null;
const generators: TrafficGenerator[] = [];
let stamps: Array<[string, string, number]> = [];
let flushTimer: NodeJS.Timeout | null = null;
const manual = { placed: 0, bridged: 0, ended: 0 };

const send = (m: unknown) => process.send?.(m);

function stats(): SimStats {
  const sum: SimStats = { placed: 0, active: 0, answered: 0, abandoned: 0, completed: 0, failed: 0, channels: sim?.engine.channels.size ?? 0, manual: { ...manual } };
  for (const g of generators) {
    const s = g.snapshot();
    sum.placed += s.placed;
    sum.active += s.active;
    sum.answered += s.answered;
    sum.abandoned += s.abandoned;
    sum.completed += s.completed;
    sum.failed += s.failed;
  }
  return sum;
}

async function handle(req: SimRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'start': {
      sim = await startPbxSim({ configDir: req.configDir, amiPort: 0, httpPort: 0, controlPort: 0, engine: { ...(req.autoAnswerMs ? { autoAnswerMs: req.autoAnswerMs } : {}), ...(req.answerMediaMs !== undefined ? { answerMediaMs: req.answerMediaMs } : {}), log: () => undefined } });
      if (req.stampAgentCalled) {
        // Stamped inside the switch the moment it emits the event: the start of the pop's path.
        sim.engine.on((e) => {
          if (e.name !== 'AgentCalled') return;
          const t = performance.timeOrigin + performance.now();
          let linkedid = '';
          let iface = '';
          for (const [k, v] of e.fields) {
            if (k === 'Linkedid' && !linkedid) linkedid = v;
            else if (k === 'Interface') iface = v;
          }
          stamps.push([linkedid, iface, t]);
        });
        flushTimer = setInterval(() => {
          if (stamps.length === 0) return;
          send({ type: 'called', stamps });
          stamps = [];
        }, 100);
      }
      return { amiPort: sim.amiPort, httpPort: sim.httpPort, controlPort: sim.controlPort };
    }
    case 'traffic': {
      if (!sim) throw new Error('not started');
      for (const t of req.perExten) {
        const g = new TrafficGenerator(sim.engine);
        const opts: TrafficOptions = { callsPerSecond: t.callsPerSecond, exten: t.exten, ivrMix: {}, talk: req.talk, patience: req.patience, ...(req.callerNumbers ? { callerNumbers: req.callerNumbers } : {}) };
        // A tenant's line is called by that tenant's customers.
        if (t.callerNumbers) opts.callerNumbers = t.callerNumbers;
        g.start(opts);
        generators.push(g);
      }
      return stats();
    }
    case 'place': {
      // Calls that stay up: placed in small batches so the switch is not flooded in one tick.
      if (!sim) throw new Error('not started');
      const engine = sim.engine;
      for (let i = 0; i < req.count; i++) {
        const ch = placeInboundCall(engine, { exten: req.extens[i % req.extens.length] as string, callerNum: String(4915100000000 + i), callerName: 'Bench Caller', behaviour: { talkMs: req.talkMs, patienceMs: req.talkMs } });
        manual.placed++;
        ch.onBridged = ((prev) => () => {
          manual.bridged++;
          prev?.();
        })(ch.onBridged);
        void ch.ended.then(() => manual.ended++);
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
      }
      return stats();
    }
    case 'stopTraffic':
      for (const g of generators) g.stop();
      return stats();
    case 'stats':
      return stats();
    case 'now':
      return performance.timeOrigin + performance.now();
    case 'sample': {
      gc();
      const m = process.memoryUsage();
      return { heapUsed: m.heapUsed, rss: m.rss, stats: stats() };
    }
    case 'exit':
      for (const g of generators) g.stop();
      if (flushTimer) clearInterval(flushTimer);
      await sim?.stop();
      setTimeout(() => process.exit(0), 10);
      return null;
  }
}

process.on('message', (msg: { id: number; req: SimRequest }) => {
  handle(msg.req).then(
    (result) => send({ id: msg.id, result }),
    (err: unknown) => send({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'online' });
