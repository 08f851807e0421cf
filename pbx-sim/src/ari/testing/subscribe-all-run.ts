import { runScenario, type Scenario } from '../../fidelity/scenarios.js';
import { SCENARIOS } from '../../fidelity/scenario-scripts.js';
import { expect } from '@jest/globals';
import { openEvents, TRACES, type AriEvent, type EventSocket } from './ari-test-kit.js';
import { label, maskValue, maskVolatileVar, settleKnownRaces, streamOf, streams } from './event-shape.js';

/** What one AMI scenario run produced on both interfaces. */
export interface MonitoredRun {
  events: AriEvent[];
  amiDiffs: string[];
  /** Device states of the simulator before the scenario ran. */
  initialDeviceStates: Map<string, string>;
}

/** Waits (real time) until the socket has been quiet for `quietMs`: the run's last events are in flight. */
async function drain(ws: EventSocket, quietMs = 100): Promise<void> {
  let seen = -1;
  while (seen !== ws.events.length) {
    seen = ws.events.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

/**
 * Replays the recorded AMI scenario `name` exactly as the AMI fidelity test does (same scripts, same
 * engine options, same manual clock) while an ARI app `cti-monitor` subscribed to all events
 * listens, as the recording's monitor did.
 */
export async function runMonitored(name: string): Promise<MonitoredRun> {
  const s = (SCENARIOS as Scenario[]).find((x) => x.name === name);
  if (!s || !TRACES) throw new Error(`no scenario ${name}`);
  let ws: EventSocket | undefined;
  let initialDeviceStates = new Map<string, string>();
  let recordingDir: string | undefined;
  const { diffs } = await runScenario(TRACES, s, {
    async started(sim) {
      recordingDir = sim.engine.options.recordingDir;
      initialDeviceStates = new Map(sim.engine.devices.list().map((d) => [d.device, d.state]));
      // openEvents appends `&api_key=…`; the extra query parameter rides in the app argument.
      ws = await openEvents(`http://127.0.0.1:${sim.httpPort}`, 'cti-monitor&subscribeAll=true');
    },
    async beforeStop() {
      await drain(ws!);
    },
  });
  ws!.close();
  // The harness moved MixMonitor's recorded folder into a temporary one; undo that, as the AMI
  // comparison does (fidelity/scenarios.ts).
  const events = recordingDir ? ws!.raw.map((t) => JSON.parse(t.split(recordingDir!).join('/var/spool/asterisk/monitor')) as AriEvent) : ws!.events;
  return { events, amiDiffs: diffs, initialDeviceStates };
}

const masked = (e: AriEvent | undefined): unknown => maskVolatileVar(settleKnownRaces(maskValue(e)));

/**
 * Compares a monitored run with the recording. Channel, dial and bridge streams are compared as
 * ari-events-fidelity.test.ts does (same labels in order, then the same masked events). Device
 * streams are matched by device name, since Asterisk's device-state thread interleaves them with
 * everything else in any order.
 */
export function compareMonitored(run: MonitoredRun, recorded: AriEvent[]): void {
  const isDevice = (s: AriEvent[]) => streamOf(s[0]!).startsWith('device:');
  const live = streams(run.events);
  const rec = streams(recorded);
  const a = live.filter((s) => !isDevice(s));
  const b = rec.filter((s) => !isDevice(s));
  expect(a.map((s) => s.map(label))).toEqual(b.map((s) => s.map(label)));
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < b[i]!.length; j++) {
      expect({ at: `stream ${i} event ${j}`, event: masked(a[i]![j]) }).toEqual({ at: `stream ${i} event ${j}`, event: masked(b[i]![j]) });
    }
  }
  const devices = (ss: AriEvent[][]) => Object.fromEntries(ss.filter(isDevice).map((s) => [streamOf(s[0]!), s.map(masked)]));
  const liveDevices = devices(live);
  const recDevices = devices(rec);
  for (const [key, events] of Object.entries(recDevices)) {
    // README simplification 5 (the AMI comparator's rule too): the recorded switch had a stale
    // Queue:support_avail (INUSE with idle members) at boot, so its first change re-announced the
    // state pbx-sim already starts in. Dropped only when pbx-sim's own stream does not start so.
    const initial = run.initialDeviceStates.get(key.slice('device:'.length));
    const state = (e: unknown) => (e as { device_state?: { state?: string } } | undefined)?.device_state?.state;
    if (initial !== undefined && state(events[0]) === initial && state(liveDevices[key]?.[0]) !== initial) recDevices[key] = events.slice(1);
  }
  expect(liveDevices).toEqual(recDevices);
}
