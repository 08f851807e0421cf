import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPbxSim, type PbxSim } from '../index.js';
import { RawAmiClient } from '../fidelity/ami-test-client.js';
import { answerPhone, placeInboundCall } from '../engine/calls.js';
import type { Channel } from '../engine/channel.js';
import { TrafficGenerator } from '../control/traffic-generator.js';
import type { AmiField } from './ami-message.js';

// The folder pbx-config renders for two tenants (its golden files, over its base config), run
// as Asterisk would run it: pbx-sim reads the files, it does not import pbx-config.
const PBX_CONFIG = fileURLToPath(new URL('../../../pbx-config/', import.meta.url));

let sim: PbxSim;
let client: RawAmiClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pbx-sim-tenants-'));
  const base = path.join(PBX_CONFIG, 'asterisk');
  for (const f of readdirSync(base).filter((n) => n.endsWith('.conf'))) cpSync(path.join(base, f), path.join(dir, f));
  cpSync(path.join(PBX_CONFIG, 'golden/multi-tenant'), dir, { recursive: true });
  sim = await startPbxSim({ configDir: dir, amiPort: 0, httpPort: 0, engine: { promptMs: 5, ttsCharMs: 0.1, log: () => undefined } });
  client = await RawAmiClient.open(sim.amiPort);
  await client.action([['Action', 'Login'], ['ActionID', 'login'], ['Username', 'cti'], ['Secret', 'cti-secret'], ['Events', 'on']]);
});

afterAll(async () => {
  client.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (m: AmiField[], k: string) => m.find(([x]) => x === k)?.[1];
/** Events of one call (by Linkedid) as received on the AMI socket. */
const eventsOf = (linkedid: string, name?: string) =>
  client.messages().filter((m) => get(m, 'Linkedid') === linkedid && get(m, 'Event') !== undefined && (name === undefined || get(m, 'Event') === name));

function eventually(pred: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (pred()) return resolve();
      if (Date.now() - started > 10_000) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** The caller hangs up; resolves once AMI reported its Hangup. */
async function hangUp(caller: Channel): Promise<void> {
  sim.engine.remoteHangup(caller);
  await eventually(() => eventsOf(caller.linkedid, 'Hangup').some((m) => get(m, 'Channel') === caller.name), `${caller.name} hung up`);
}

const dialled = (linkedid: string) => eventsOf(linkedid, 'DialBegin').map((m) => get(m, 'DestChannel')!.replace(/-[0-9a-f]{8}$/, '-*'));

describe('two tenants on one switch, over AMI', () => {
  it("a call to acme's DID 7001 waits in acme-support and rings acme's 1001 and 1002, never beta's", async () => {
    const caller = placeInboundCall(sim.engine, { from: 'acme-3001', exten: '7001', callerNum: '+4930111' });
    await eventually(() => eventsOf(caller.linkedid, 'AgentCalled').length === 2, 'both acme agents called');
    const join = eventsOf(caller.linkedid, 'QueueCallerJoin')[0]!;
    expect([get(join, 'Queue'), get(join, 'Context'), get(join, 'Channel')]).toEqual(['acme-support', 'acme-ringside-queue-support', caller.name]);
    expect(caller.name).toMatch(/^PJSIP\/acme-3001-[0-9a-f]{8}$/);
    expect(dialled(caller.linkedid).sort()).toEqual(['PJSIP/acme-1001-*', 'PJSIP/acme-1002-*']);
    const called = eventsOf(caller.linkedid, 'AgentCalled').map((m) => [get(m, 'Interface'), get(m, 'MemberName'), get(m, 'DestContext')]);
    expect(called.sort()).toEqual([
      ['PJSIP/acme-1001', 'Acme agent 1001', 'acme-ringside-agents'],
      ['PJSIP/acme-1002', 'Acme agent 1002', 'acme-ringside-agents'],
    ]);
    answerPhone(sim.engine, 'acme-1001');
    await eventually(() => eventsOf(caller.linkedid, 'AgentConnect').length === 1, 'acme-1001 connected');
    const connect = eventsOf(caller.linkedid, 'AgentConnect')[0]!;
    expect([get(connect, 'Queue'), get(connect, 'Interface'), get(connect, 'DestChannel')?.replace(/-[0-9a-f]{8}$/, '')]).toEqual(['acme-support', 'PJSIP/acme-1001', 'PJSIP/acme-1001']);
    await hangUp(caller);
  });

  it("a caller pressing 2 in beta's spoken IVR on 8000 reaches beta-support and one of beta's agents (rrmemory)", async () => {
    const caller = placeInboundCall(sim.engine, { from: 'beta-3002', exten: '8000', behaviour: { dtmf: [{ digits: '2', afterMs: 300 }] } });
    await eventually(() => eventsOf(caller.linkedid, 'AgentCalled').length === 1, 'a beta agent called');
    const contexts = eventsOf(caller.linkedid, 'Newexten').filter((m) => get(m, 'Channel') === caller.name).map((m) => get(m, 'Context'));
    expect([...new Set(contexts)]).toEqual(['ringside-inbound', 'beta-ringside-inbound', 'beta-ringside-ivr-welcome', 'beta-ringside-queue-support']);
    expect(get(eventsOf(caller.linkedid, 'QueueCallerJoin')[0]!, 'Queue')).toBe('beta-support');
    expect(dialled(caller.linkedid)).toEqual(['PJSIP/beta-1001-*']);
    await hangUp(caller);
  });

  it("a number of beta's range _80[5-9]X goes to beta-support, whichever trunk carries it", async () => {
    const caller = placeInboundCall(sim.engine, { from: 'acme-3001', exten: '8077' });
    await eventually(() => eventsOf(caller.linkedid, 'QueueCallerJoin').length === 1, 'the caller queued');
    expect(get(eventsOf(caller.linkedid, 'QueueCallerJoin')[0]!, 'Queue')).toBe('beta-support');
    await hangUp(caller);
  });

  it("acme's 1001 dialling 1002 rings acme's 1002, not beta's; the callee sees the local number 1001", async () => {
    const caller = placeInboundCall(sim.engine, { from: 'acme-1001', exten: '1002' });
    await eventually(() => eventsOf(caller.linkedid, 'DialBegin').length === 1, 'the internal call dialled');
    const begin = eventsOf(caller.linkedid, 'DialBegin')[0]!;
    expect([get(begin, 'Context'), get(begin, 'DialString'), get(begin, 'DestChannel')?.replace(/-[0-9a-f]{8}$/, '')]).toEqual(['acme-ringside-agents', 'acme-1002', 'PJSIP/acme-1002']);
    expect(get(begin, 'CallerIDNum')).toBe('1001');
    await hangUp(caller);
  });

  it("the base config's dial-agent rings a tenant's endpoint by its switch name", async () => {
    const caller = placeInboundCall(sim.engine, { from: 'acme-3001', context: 'dial-agent', exten: 'acme-1002' });
    await eventually(() => eventsOf(caller.linkedid, 'DialBegin').length === 1, 'the agent dialled');
    expect(dialled(caller.linkedid)).toEqual(['PJSIP/acme-1002-*']);
    await hangUp(caller);
  });

  it('a DID no tenant owns is refused in the trunk context', async () => {
    const caller = placeInboundCall(sim.engine, { from: 'beta-3002', exten: '5000' });
    await eventually(() => eventsOf(caller.linkedid, 'Hangup').length === 1, 'the call refused');
    // As Asterisk: no extension 5000 in ringside-inbound, so no dial-plan step runs at all.
    expect(eventsOf(caller.linkedid, 'Newexten')).toEqual([]);
  });

  it("the traffic generator places calls to several tenants' DIDs, each with its own IVR choices", async () => {
    const joined = () => client.messages().filter((m) => get(m, 'Event') === 'QueueCallerJoin').map((m) => get(m, 'Queue'));
    const before = joined().length;
    const traffic = new TrafficGenerator(sim.engine);
    // Arrivals are driven by hand; this fixed random sequence (the start's gap, then five draws a
    // call: target, digit, caller number, talk, patience) sends two calls to each tenant.
    const draws = [0.1, 0.5, 0.0, 0.7, 0.5, 0.5, 0.1, 0.5, 0.5, 0.5, 0.7, 0.5, 0.5, 0.5];
    let k = 0;
    traffic.start({ callsPerSecond: 0.001, targets: [{ exten: '7000', ivrMix: { '2': 1 } }, { exten: '8000', ivrMix: { '2': 1 } }], dtmfAfterMs: 50, random: () => draws[k++ % draws.length]! });
    traffic.stop();
    for (let i = 0; i < 4; i++) traffic.placeOne();
    await eventually(() => joined().length - before === 4, 'four callers queued');
    expect(joined().slice(before).sort()).toEqual(['acme-claims', 'acme-claims', 'beta-support', 'beta-support']);
    for (const ch of sim.engine.listChannels()) sim.engine.remoteHangup(ch);
    await eventually(() => sim.engine.listChannels().length === 0, 'every call ended');
  });
});
