import { afterEach, describe, expect, it } from '@jest/globals';
import { startPbxSim, type PbxSim } from '../index.js';
import { configWith } from '../engine/test-support.js';
import { placeInboundCall, answerPhone } from '../engine/calls.js';
import { ConfigError } from '../config/conf-error.js';
import { RawAmiClient } from '../fidelity/ami-test-client.js';
import type { AmiField } from './ami-message.js';

// manager.conf `channelvars`, as main/manager_channels.c writes them: after the channel block,
// one `ChanVariable: NAME=value` per listed variable (empty while unset), C-escaped.

const MANAGER = '[general]\nenabled = yes\nchannelvars = RINGSIDE_MUTED,CASE_ID\n\n[cti]\nsecret = cti-secret\nread = all\nwrite = all\n';

let sim: PbxSim | undefined;
let client: RawAmiClient | undefined;
afterEach(async () => {
  client?.close();
  await sim?.stop();
  sim = undefined;
  client = undefined;
});

async function connected(manager: string): Promise<{ sim: PbxSim; client: RawAmiClient; act: (f: AmiField[]) => Promise<AmiField[]> }> {
  sim = await startPbxSim({ configDir: configWith({ 'manager.conf': manager }), amiPort: 0, httpPort: 0, engine: { log: () => undefined, answerMediaMs: 0 } });
  client = await RawAmiClient.open(sim.amiPort);
  let n = 0;
  const c = client;
  const act = (f: AmiField[]) => c.action([f[0] as AmiField, ['ActionID', `cv-${(n += 1)}`], ...f.slice(1)]);
  await act([['Action', 'Login'], ['Username', 'cti'], ['Secret', 'cti-secret']]);
  return { sim, client, act };
}

const valuesOf = (m: AmiField[], key: string) => m.filter(([k]) => k === key).map(([, v]) => v);

describe('manager.conf channelvars', () => {
  it('every channel event carries the listed variables after Linkedid; Setvar shows in its own VarSet and in CoreShowChannels', async () => {
    const { sim: s, client: c, act } = await connected(MANAGER);
    const caller = placeInboundCall(s.engine, { exten: '5002', callerNum: '+14155550100' });
    await c.until(() => c.messages().some((m) => valuesOf(m, 'Event').includes('AgentCalled')), 'AgentCalled');
    const agent = answerPhone(s.engine, '1003');
    await c.until(() => c.messages().some((m) => valuesOf(m, 'Event').includes('AgentConnect')), 'AgentConnect');

    const newchannel = c.messages().find((m) => valuesOf(m, 'Event')[0] === 'Newchannel') as AmiField[];
    const keys = newchannel.map(([k]) => k);
    expect(keys.slice(keys.indexOf('Linkedid') + 1, keys.indexOf('Linkedid') + 3)).toEqual(['ChanVariable', 'ChanVariable']);
    expect(valuesOf(newchannel, 'ChanVariable')).toEqual(['RINGSIDE_MUTED=', 'CASE_ID=']);
    // DialBegin's dialled channel carries them too, under its prefix.
    const dial = c.messages().find((m) => valuesOf(m, 'Event')[0] === 'DialBegin') as AmiField[];
    expect(valuesOf(dial, 'DestChanVariable')).toEqual(['RINGSIDE_MUTED=', 'CASE_ID=']);

    await act([['Action', 'Setvar'], ['Channel', agent.name], ['Variable', 'RINGSIDE_MUTED'], ['Value', '1']]);
    const varset = c.messages().find((m) => valuesOf(m, 'Event')[0] === 'VarSet' && valuesOf(m, 'Variable')[0] === 'RINGSIDE_MUTED') as AmiField[];
    expect(valuesOf(varset, 'ChanVariable')).toEqual(['RINGSIDE_MUTED=1', 'CASE_ID=']);

    await act([['Action', 'CoreShowChannels']]);
    const shown = c.messages().filter((m) => valuesOf(m, 'Event')[0] === 'CoreShowChannel');
    const byChannel = new Map(shown.map((m) => [valuesOf(m, 'Channel')[0], valuesOf(m, 'ChanVariable')]));
    expect(byChannel.get(agent.name)).toEqual(['RINGSIDE_MUTED=1', 'CASE_ID=']);
    expect(byChannel.get(caller.name)).toEqual(['RINGSIDE_MUTED=', 'CASE_ID=']);
  });

  it('a value with a line break is escaped, so it can never end the frame and inject a field', async () => {
    const { sim: s, client: c } = await connected(MANAGER);
    const caller = placeInboundCall(s.engine, { exten: '5002', callerNum: '+14155550100' });
    s.engine.setVar(caller, 'CASE_ID', 'C-1\r\nEvent: Forged');
    await c.until(() => c.raw.includes('CASE_ID=C-1'), 'the VarSet');
    expect(c.raw).toContain('ChanVariable: CASE_ID=C-1\\r\\nEvent: Forged\r\n');
    expect(c.messages().some((m) => valuesOf(m, 'Event')[0] === 'Forged')).toBe(false);
  });

  it('without channelvars nothing is added (the recorded traces), and a function in the list is refused with file and line', async () => {
    const { sim: s, client: c } = await connected('[general]\nenabled = yes\n\n[cti]\nsecret = cti-secret\nread = all\nwrite = all\n');
    placeInboundCall(s.engine, { exten: '5002', callerNum: '+14155550100' });
    await c.until(() => c.raw.includes('Event: Newchannel'), 'Newchannel');
    expect(c.raw).not.toContain('ChanVariable');
    await expect(startPbxSim({ configDir: configWith({ 'manager.conf': '[general]\nchannelvars = CDR(src)\n' }), amiPort: 0, httpPort: 0 })).rejects.toThrow(ConfigError);
  });
});
