import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AmiField } from '../ami/ami-message.js';
import { ManualClock } from '../clock.js';
import { startPbxSim, type PbxSim } from '../index.js';
import { placeInboundCall, answerPhone } from '../engine/calls.js';
import type { Channel, DtmfMode } from '../engine/channel.js';
import { RawAmiClient } from './ami-test-client.js';
import { readActions, readTrace } from './trace-reader.js';
import { compareStreams, type CompareOptions } from './compare.js';

/** What a scenario script can do: send the recorded actions and play the phones and the caller. */
export interface Driver {
  sim: PbxSim;
  clock: ManualClock;
  client: RawAmiClient;
  /** Sends the n-th recorded action (0-based), live channel names substituted. */
  send(n: number): Promise<void>;
  /** Sends every remaining recorded action in order. */
  sendRest(): Promise<void>;
  advance(ms: number): Promise<void>;
  call(exten: string, dtmf?: { digits: string; afterMs: number; mode?: DtmfMode; durationMs?: number }[]): Channel;
  answer(endpoint: string): void;
  hangup(ch: Channel): void;
}

/** A recorded scenario and how to reproduce it against pbx-sim. */
export interface Scenario {
  name: string;
  script(d: Driver): Promise<void>;
  compare?: CompareOptions;
}

const RECORDED_MONITOR_DIR = '/var/spool/asterisk/monitor';

/** Replaces recorded channel names (`PJSIP/1001-00000012`) with the live channel of that endpoint. */
function rewrite(sim: PbxSim, fields: AmiField[], recordingDir: string): AmiField[] {
  return fields.map(([k, v]): AmiField => {
    if (k === 'File') return [k, path.join(recordingDir, path.basename(v))];
    const m = /^PJSIP\/([^-]+)-[0-9a-f]{8}$/.exec(v);
    if (!m || m[1] === 'nope') return [k, v];
    const live = sim.engine.listChannels().filter((c) => c.endpoint === m[1] && c.tech === 'PJSIP').pop();
    return [k, live ? live.name : v];
  });
}

/** Lets another observer (an ARI monitor app) watch the same run: attach before the first action, drain before stop. */
export interface ScenarioHooks {
  started?(sim: PbxSim): Promise<void>;
  beforeStop?(sim: PbxSim): Promise<void>;
}

/** Runs a scenario against a fresh pbx-sim and returns the differences from the recording. */
export async function runScenario(dir: string, s: Scenario, hooks: ScenarioHooks = {}): Promise<{ diffs: string[]; raw: string; bannerOk: boolean }> {
  const clock = new ManualClock();
  const recordingDir = mkdtempSync(path.join(tmpdir(), 'pbx-sim-rec-'));
  const sim = await startPbxSim({ amiPort: 0, httpPort: 0, clock, engine: { log: () => undefined, recordingDir } });
  const initialDeviceStates = new Map(sim.engine.devices.list().map((d) => [d.device, d.state]));
  const actions = readActions(dir, s.name);
  await hooks.started?.(sim);
  const client = await RawAmiClient.open(sim.amiPort);
  let next = 0;
  const d: Driver = {
    sim,
    clock,
    client,
    async send(n) {
      next = Math.max(next, n + 1);
      if (client.isClosed) return;
      const fields = rewrite(sim, actions[n]!, recordingDir);
      const isLast = /^(logoff)$/i.test(fields.find(([k]) => k === 'Action')?.[1] ?? '');
      if (isLast) {
        client.sendRaw(fields.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n');
        await client.closed;
        return;
      }
      await client.action(fields);
      await clock.advance(0);
    },
    async sendRest() {
      while (next < actions.length) await d.send(next);
    },
    advance: (ms) => clock.advance(ms),
    call: (exten, dtmf) => placeInboundCall(sim.engine, { exten, ...(dtmf ? { behaviour: { dtmf } } : {}) }),
    answer: (ep) => void answerPhone(sim.engine, ep),
    hangup: (ch) => sim.engine.remoteHangup(ch),
  };
  try {
    await s.script(d);
    if (next < actions.length) await d.sendRest();
    await hooks.beforeStop?.(sim);
  } finally {
    client.close();
    await sim.stop();
  }
  const trace = readTrace(dir, s.name);
  // The harness moved the recorded MixMonitor file into a temporary folder; undo that for the comparison.
  const simMessages = client.messages().map((m) => m.map(([k, v]): AmiField => [k, v.split(recordingDir).join(RECORDED_MONITOR_DIR)]));
  const diffs = compareStreams(trace.messages, simMessages, { ...s.compare, initialDeviceStates });
  return { diffs, raw: client.raw, bannerOk: client.raw.startsWith(trace.banner.replace(/\n$/, '').replace(/\r$/, '') + '\r\n') };
}
