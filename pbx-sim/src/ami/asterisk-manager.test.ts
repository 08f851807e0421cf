import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
let recordingDir: string;

beforeEach(async () => {
  // MixMonitor writes a real file: into a temporary folder, never the checkout.
  recordingDir = mkdtempSync(path.join(tmpdir(), 'pbx-sim-am-rec-'));
  sim = await startPbxSim({ amiPort: 0, httpPort: 0, engine: { log: () => undefined, autoAnswerMs: 50, recordingDir } });
});

afterEach(async () => {
  ami?.disconnect();
  await sim.stop();
  rmSync(recordingDir, { recursive: true, force: true });
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

  it('runs every action Ringside uses through the library against a live queue call', async () => {
    ami = AsteriskManager(sim.amiPort, '127.0.0.1', 'cti', 'cti-secret', true);
    const events: ManagerEvent[] = [];
    ami.on('managerevent', (e) => events.push(e));
    const seen = (name: string, pred: (e: ManagerEvent) => boolean = () => true) =>
      new Promise<ManagerEvent>((resolve) => {
        const hit = events.find((e) => e.event === name && pred(e));
        if (hit) return resolve(hit);
        ami.on('managerevent', (e) => e.event === name && pred(e) && resolve(e));
      });
    const agentLeg = () => sim.engine.listChannels().find((c) => c.name.startsWith('PJSIP/1003-'))!.name;

    // A customer in the sales queue (member 1003 only), answered by 1003 (auto-answer), talking for a long while.
    const caller = placeInboundCall(sim.engine, { exten: '5002', behaviour: { talkMs: 60_000 } });
    await seen('AgentConnect', (e) => e.linkedid === caller.id);

    // Lists and queries.
    expect((await act({ action: 'CoreShowChannels' })).eventlist).toBe('start');
    await seen('CoreShowChannelsComplete');
    expect((await act({ action: 'Status' })).eventlist).toBe('start');
    expect((await act({ action: 'QueueSummary', queue: 'sales' })).eventlist).toBe('start');
    await act({ action: 'Setvar', channel: caller.name, variable: 'RINGSIDE_CASE', value: 'C-1' });
    expect((await act({ action: 'Getvar', channel: caller.name, variable: 'RINGSIDE_CASE' })).value).toBe('C-1');
    expect(String((await act({ action: 'Command', command: 'queue show sales' })).output)).toContain('sales');
    expect(String((await act({ action: 'Command', command: 'dialplan reload' })).output)).toMatch(/reload/i);
    await act({ action: 'Reload', module: 'app_queue.so' });

    // Queue membership and pause.
    await act({ action: 'QueuePause', interface: 'PJSIP/1002', paused: 'true', reason: 'Lunch' });
    expect((await seen('QueueMemberPause', (e) => e.interface === 'PJSIP/1002' && e.paused === '1')).pausedreason).toBe('Lunch');
    await act({ action: 'QueuePause', interface: 'PJSIP/1002', paused: 'false' });
    await act({ action: 'QueueAdd', queue: 'sales', interface: 'PJSIP/1002', penalty: 1 });
    await seen('QueueMemberAdded', (e) => e.queue === 'sales' && e.interface === 'PJSIP/1002');
    await act({ action: 'QueueRemove', queue: 'sales', interface: 'PJSIP/1002' });
    await seen('QueueMemberRemoved', (e) => e.queue === 'sales' && e.interface === 'PJSIP/1002');

    // In-call actions on the agent's leg.
    await act({ action: 'PlayDTMF', channel: agentLeg(), digit: '5' });
    await act({ action: 'MixMonitor', channel: agentLeg(), file: 'library-test.wav', options: 'b' });
    await seen('MixMonitorStart');
    await act({ action: 'StopMixMonitor', channel: agentLeg() });
    await seen('MixMonitorStop');

    // Blind transfer of the agent's leg: the caller goes to 1002.
    await act({ action: 'BlindTransfer', channel: agentLeg(), context: 'agents', exten: '1002' });
    await seen('BlindTransfer');
    await seen('BridgeEnter', (e) => String(e.channel).startsWith('PJSIP/1002-') && e.linkedid === caller.id);

    // Redirect both parties at once (ExtraChannel): the caller to 1001, 1002's leg to 2001.
    const leg1002 = sim.engine.listChannels().find((c) => c.name.startsWith('PJSIP/1002-'))!.name;
    await act({ action: 'Redirect', channel: caller.name, exten: '1001', context: 'agents', priority: 1, extrachannel: leg1002, extraexten: '2001', extracontext: 'agents', extrapriority: 1 });
    await seen('DialBegin', (e) => String(e.destchannel).startsWith('PJSIP/1001-') && e.channel === caller.name);
    await act({ action: 'Hangup', channel: caller.name });
    await seen('Hangup', (e) => e.channel === caller.name);

    // A synchronous Originate replies once the phone picks up; an attended transfer from that call.
    const sync = await act({ action: 'Originate', channel: 'PJSIP/1003', context: 'agents', exten: '2001', priority: 1, async: false, timeout: 10_000 });
    expect(sync.message).toBe('Originate successfully queued');
    const leg1003 = await seen('BridgeEnter', (e) => String(e.channel).startsWith('PJSIP/1003-') && e.linkedid !== caller.id);
    await act({ action: 'Atxfer', channel: leg1003.channel, context: 'agents', exten: '1002' });
    await seen('DialBegin', (e) => String(e.destchannel).startsWith('PJSIP/1002-') && e.linkedid === leg1003.linkedid);
  }, 30_000);
});
