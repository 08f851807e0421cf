import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startPbxSim, type PbxSim } from '../index.js';
import { RawAmiClient } from '../fidelity/ami-test-client.js';
import { answerPhone, placeInboundCall } from '../engine/calls.js';
import { attendedTransfer } from '../engine/attended-transfer.js';

let sim: PbxSim;
let client: RawAmiClient;
let seq = 0;

beforeEach(async () => {
  sim = await startPbxSim({ amiPort: 0, httpPort: 0, engine: { log: () => undefined } });
  client = await RawAmiClient.open(sim.amiPort);
  await act([['Action', 'Login'], ['Username', 'cti'], ['Secret', 'cti-secret'], ['Events', 'on']]);
});

afterEach(async () => {
  client.close();
  await sim.stop();
});

function act(fields: [string, string][]) {
  return client.action([...fields.slice(0, 1), ['ActionID', `a${(seq += 1)}`], ...fields.slice(1)]);
}
const get = (m: readonly (readonly [string, string])[], k: string) => m.find(([x]) => x === k)?.[1];

/** Polls the engine (its dial plan runs asynchronously) until `pred` holds. */
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

const ringing = (endpoint: string) => [...sim.engine.legs.values()].some((l) => !l.settled && l.ringingAt !== undefined && l.options.endpoint === endpoint);

/** A sales-queue call answered by 1003; returns the caller and the agent's leg. */
async function connectedCall() {
  const caller = placeInboundCall(sim.engine, { exten: '5002', callerNum: '+14155550100' });
  await eventually(() => ringing('1003'), '1003 ringing');
  const agent = answerPhone(sim.engine, '1003');
  await eventually(() => agent.bridgeId !== undefined && agent.bridgeId === caller.bridgeId, 'the call bridged');
  return { caller, agent };
}

describe('PJSIPNotify (res_pjsip_notify)', () => {
  it('Event=hold makes the phone hold its call (music for the caller), Event=talk resumes it', async () => {
    const { caller, agent } = await connectedCall();
    const r = await act([['Action', 'PJSIPNotify'], ['Endpoint', '1003'], ['Variable', 'Event=hold']]);
    expect(get(r, 'Response')).toBe('Success');
    expect(get(r, 'Message')).toBe('NOTIFY sent');
    expect(agent.held).toBe(true);
    expect(caller.mohPlaying).toBe(true);
    await client.until(() => client.raw.includes('Event: Hold\r\n'), 'Hold');
    await act([['Action', 'PJSIPNotify'], ['Channel', agent.name], ['Variable', 'Event=talk']]);
    expect(agent.held).toBe(false);
    expect(caller.mohPlaying).toBe(false);
    await client.until(() => client.raw.includes('Event: Unhold\r\n'), 'Unhold');
  });

  it('Event=talk answers a ringing phone', async () => {
    placeInboundCall(sim.engine, { exten: '5002', callerNum: '+14155550100' });
    await eventually(() => ringing('1003'), '1003 ringing');
    const r = await act([['Action', 'PJSIPNotify'], ['Endpoint', '1003'], ['Variable', 'Event=talk']]);
    expect(get(r, 'Message')).toBe('NOTIFY sent');
    const leg = sim.engine.listChannels().find((c) => c.endpoint === '1003');
    expect(leg?.isUp).toBe(true);
  });

  it('refuses what Asterisk refuses: no target, two targets, Variable with Option, an unknown endpoint or channel', async () => {
    const msg = async (f: [string, string][]) => {
      const r = await act([['Action', 'PJSIPNotify'], ...f]);
      expect(get(r, 'Response')).toBe('Error');
      return get(r, 'Message');
    };
    expect(await msg([['Variable', 'Event=hold']])).toMatch(/requires either an endpoint name, a SIP URI, or a channel/);
    expect(await msg([['Endpoint', '1003'], ['URI', 'sip:1003@127.0.0.1'], ['Variable', 'Event=hold']])).toMatch(/can not handle/);
    expect(await msg([['Endpoint', '1003'], ['Variable', 'Event=hold'], ['Option', 'reboot']])).toMatch(/both 'Variable' and 'Option'/);
    expect(await msg([['Endpoint', '9999'], ['Variable', 'Event=hold']])).toBe('Unable to retrieve endpoint 9999');
    expect(await msg([['Channel', 'PJSIP/1003-00000000'], ['Variable', 'Event=hold']])).toMatch(/not found/);
  });
});

describe('MuteAudio (res_mutestream)', () => {
  it('mutes and unmutes one direction of a channel, and checks its headers', async () => {
    const { agent } = await connectedCall();
    const on = await act([['Action', 'MuteAudio'], ['Channel', agent.name], ['Direction', 'in'], ['State', 'on']]);
    expect(get(on, 'Response')).toBe('Success');
    expect(agent.muted).toEqual({ in: true, out: false });
    await act([['Action', 'MuteAudio'], ['Channel', agent.name], ['Direction', 'all'], ['State', 'off']]);
    expect(agent.muted).toEqual({ in: false, out: false });
    expect(get(await act([['Action', 'MuteAudio'], ['Direction', 'in'], ['State', 'on']]), 'Message')).toBe('Channel not specified');
    expect(get(await act([['Action', 'MuteAudio'], ['Channel', agent.name], ['Direction', 'sideways'], ['State', 'on']]), 'Message')).toBe('Failed to mute/unmute stream');
    // res_mutestream compares with strcmp: `IN` is not `in`.
    expect(get(await act([['Action', 'MuteAudio'], ['Channel', agent.name], ['Direction', 'IN'], ['State', 'on']]), 'Message')).toBe('Failed to mute/unmute stream');
    expect(agent.muted).toEqual({ in: false, out: false });
    expect(get(await act([['Action', 'MuteAudio'], ['Channel', 'PJSIP/nobody-1'], ['Direction', 'in'], ['State', 'on']]), 'Message')).toBe('No such channel');
  });
});

describe('Originate ChannelId', () => {
  it('gives the originated leg the uniqueid asked for, which is also its Linkedid', async () => {
    const r = await act([['Action', 'Originate'], ['Channel', 'PJSIP/1001'], ['Application', 'Wait'], ['Data', '5'], ['ChannelId', 'spy-1.2-0a0b0c0d'], ['Async', 'true']]);
    expect(get(r, 'Response')).toBe('Success');
    const leg = sim.engine.findChannel('spy-1.2-0a0b0c0d');
    expect(leg?.endpoint).toBe('1001');
    expect(leg?.linkedid).toBe('spy-1.2-0a0b0c0d');
    await client.until(() => client.raw.includes('Uniqueid: spy-1.2-0a0b0c0d\r\n'), 'Newchannel with the ChannelId');
    const long = await act([['Action', 'Originate'], ['Channel', 'PJSIP/1001'], ['Application', 'Wait'], ['ChannelId', 'x'.repeat(150)]]);
    expect(get(long, 'Message')).toMatch(/Uniqueid length exceeds maximum/);
  });
});

describe('attended transfer cancelled', () => {
  it('when the consulted phone hangs up, the transferer is back with the caller, off hold, and nobody else hangs up', async () => {
    const { caller, agent } = await connectedCall();
    attendedTransfer(sim.engine, agent, '1001', 'agents');
    expect(caller.mohPlaying).toBe(true);
    await eventually(() => ringing('1001'), '1001 ringing');
    const consulted = answerPhone(sim.engine, '1001');
    await eventually(() => consulted.bridgeId !== undefined, 'the consultation connected');
    sim.engine.remoteHangup(consulted);
    await eventually(() => !agent.held && agent.bridgeId !== undefined && agent.bridgeId === caller.bridgeId, 'the transferer back with the caller');
    expect(agent.gone).toBe(false);
    expect(caller.gone).toBe(false);
    expect(caller.mohPlaying).toBe(false);
    expect(sim.engine.listChannels().filter((c) => c.tech === 'Local')).toEqual([]);
  });
});

describe('dropAmiConnections', () => {
  it('cuts every AMI client from the switch side', async () => {
    expect(sim.dropAmiConnections()).toBe(1);
    await client.closed;
  });
});
