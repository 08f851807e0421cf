#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startPbxSim } from './index.js';
import { TrafficGenerator } from './control/traffic-generator.js';

const HELP = `pbx-sim: a simulated Asterisk 22 speaking AMI on loopback

  --ami-port N           AMI port (default 5038)
  --http-port N          HTTP port for ARI (default 8088)
  --control-port N       control API port (default 8090; 'off' disables it)
  --config-dir DIR       Asterisk config folder (default: pbx-sim/demo-config)
  --calls-per-second R   start the traffic generator at R calls/s
  --dids D1,D2,...       the generated calls go to these numbers in equal shares (e.g. several tenants' DIDs); default 5000
  --talk-ms MS           mean talk time (default 60000)
  --patience-ms MS       mean caller patience (default 90000)
  --auto-answer-ms MS    agent phones answer after MS of ringing (default 3000; 'off' waits for the control API)
  --answer-media-ms MS   a caller's first media frame MS after Answer() (default 20; 'none': Answer() waits 500 ms)
  --quiet                no live counts`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'ami-port': { type: 'string' },
      'http-port': { type: 'string' },
      'control-port': { type: 'string' },
      'config-dir': { type: 'string' },
      'calls-per-second': { type: 'string' },
      dids: { type: 'string' },
      'talk-ms': { type: 'string' },
      'patience-ms': { type: 'string' },
      'auto-answer-ms': { type: 'string' },
      'answer-media-ms': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const num = (v: string | undefined, d: number, name: string): number => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got '${v}'`);
    return n;
  };
  const autoAnswer = values['auto-answer-ms'] === 'off' ? undefined : num(values['auto-answer-ms'], 3000, 'auto-answer-ms');
  const answerMedia = values['answer-media-ms'] === 'none' ? null : values['answer-media-ms'] === undefined ? undefined : num(values['answer-media-ms'], 0, 'answer-media-ms');
  const controlOff = values['control-port'] === 'off';
  const sim = await startPbxSim({
    amiPort: num(values['ami-port'], 5038, 'ami-port'),
    httpPort: num(values['http-port'], 8088, 'http-port'),
    ...(values['config-dir'] ? { configDir: values['config-dir'] } : {}),
    ...(controlOff ? {} : { controlPort: num(values['control-port'], 8090, 'control-port') }),
    engine: { ...(autoAnswer !== undefined ? { autoAnswerMs: autoAnswer } : {}), ...(answerMedia !== undefined ? { answerMediaMs: answerMedia } : {}) },
  });
  process.stdout.write(`pbx-sim: AMI 127.0.0.1:${sim.amiPort} (user cti / cti-secret), HTTP 127.0.0.1:${sim.httpPort}${sim.controlPort ? `, control API 127.0.0.1:${sim.controlPort}` : ''}\n`);
  const traffic = new TrafficGenerator(sim.engine);
  const cps = values['calls-per-second'];
  if (cps !== undefined) {
    traffic.start({
      callsPerSecond: num(cps, 1, 'calls-per-second'),
      talk: { meanMs: num(values['talk-ms'], 60000, 'talk-ms') },
      patience: { meanMs: num(values['patience-ms'], 90000, 'patience-ms') },
      ...(values.dids ? { targets: values.dids.split(',').map((exten) => ({ exten: exten.trim() })) } : {}),
    });
  }
  const ticker = values.quiet
    ? undefined
    : setInterval(() => {
        const t = traffic.snapshot();
        const chans = sim.engine.listChannels().length;
        const waiting = sim.engine.queues.all().map((q) => `${q.name}:${q.callers.length}`).join(' ');
        process.stdout.write(`channels=${chans} queued[${waiting}] placed=${t.placed} active=${t.active} answered=${t.answered} completed=${t.completed} abandoned=${t.abandoned}\n`);
      }, 2000);
  const stop = async () => {
    if (ticker) clearInterval(ticker);
    traffic.stop();
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  process.stderr.write(`pbx-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
