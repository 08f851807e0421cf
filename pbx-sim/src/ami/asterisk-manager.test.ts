import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { startPbxSim, type PbxSim } from '../index.js';
import { placeInboundCall } from '../engine/calls.js';

const require = createRequire(import.meta.url);
interface ManagerEvent { [k: string]: unknown }
interface Manager {
  on(ev: string, fn: (e: ManagerEvent) => void): void;
  action(a: Record<string, unknown>, cb: (err: ManagerEvent | undefined, res: ManagerEvent) => void): void;
  disconnect(): void;
}
// The unmodified library the Ringside server uses, installed at the repository root.
const AsteriskManager = require('asterisk-manager') as (port: number, host: string, user: string, secret: string, events: boolean) => Manager;

let sim: PbxSim;
let ami: Manager;

beforeEach(async () => {
  sim = await startPbxSim({ amiPort: 0, httpPort: 0, engine: { log: () => undefined, autoAnswerMs: 50 } });
});

afterEach(async () => {
  ami?.disconnect();
  await sim.stop();
});

function act(a: Record<string, unknown>): Promise<ManagerEvent> {
  return new Promise((resolve, reject) => ami.action(a, (err, res) => (err ? reject(Object.assign(new Error(String(err.message)), { res: err })) : resolve(res))));
}

describe('the asterisk-manager npm library against pbx-sim', () => {
  it('logs in, runs actions, and receives the events of a queue call', async () => {
    ami = AsteriskManager(sim.amiPort, '127.0.0.1', 'cti', 'cti-secret', true);
    const events: ManagerEvent[] = [];
    ami.on('managerevent', (e) => events.push(e));
    const pong = await act({ action: 'Ping' });
    expect(pong.ping).toBe('Pong');
    const status = await act({ action: 'QueueStatus', queue: 'support' });
    expect(status.eventlist).toBe('start');
    const version = await act({ action: 'Command', command: 'core show version' });
    expect(String(version.output)).toMatch(/^Asterisk 22/);
    const caller = placeInboundCall(sim.engine, { exten: '5001', behaviour: { talkMs: 200 } });
    const done = new Promise<void>((resolve) => ami.on('hangup', (e) => e.uniqueid === caller.id && resolve()));
    await done;
    const names = events.map((e) => e.event);
    for (const n of ['Newchannel', 'QueueCallerJoin', 'AgentCalled', 'AgentConnect', 'BridgeEnter', 'AgentComplete', 'Hangup']) expect(names).toContain(n);
    const connect = events.find((e) => e.event === 'AgentConnect')!;
    expect(connect.linkedid).toBe(caller.id);
  });

  it('reports an error reply for an unknown channel', async () => {
    ami = AsteriskManager(sim.amiPort, '127.0.0.1', 'cti', 'cti-secret', false);
    await expect(act({ action: 'Hangup', channel: 'PJSIP/nope-00000000' })).rejects.toThrow('No such channel');
  });

  it('originates a click-to-dial call and gets OriginateResponse with Reason 4', async () => {
    ami = AsteriskManager(sim.amiPort, '127.0.0.1', 'cti', 'cti-secret', true);
    const responses: ManagerEvent[] = [];
    const arrived = new Promise<void>((resolve) =>
      ami.on('originateresponse', (e) => {
        responses.push(e);
        resolve();
      }),
    );
    const r = await act({ action: 'Originate', channel: 'PJSIP/1001', context: 'agents', exten: '2001', priority: 1, async: true, callerid: '"C2D" <2001>', variable: { CTI_REQUEST_ID: 'req-1' } });
    expect(r.message).toBe('Originate successfully queued');
    await arrived;
    expect(responses[0]!.reason).toBe('4');
    expect(responses[0]!.actionid).toBe(r.actionid);
  });
});
