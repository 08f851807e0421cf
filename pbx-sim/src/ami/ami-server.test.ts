import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { startPbxSim, type PbxSim } from '../index.js';
import { RawAmiClient } from '../fidelity/ami-test-client.js';

let sim: PbxSim;
let client: RawAmiClient;

beforeEach(async () => {
  sim = await startPbxSim({ amiPort: 0, httpPort: 0, engine: { log: () => undefined } });
  client = await RawAmiClient.open(sim.amiPort);
});

afterEach(async () => {
  client.close();
  await sim.stop();
});

const login = (extra: [string, string][] = []) => client.action([['Action', 'Login'], ['ActionID', 'l'], ['Username', 'cti'], ['Secret', 'cti-secret'], ...extra]);
const get = (m: [string, string][] | readonly (readonly [string, string])[], k: string) => m.find(([x]) => x === k)?.[1];

describe('the AMI server', () => {
  it('greets with the banner line only, no blank line', () => {
    expect(client.raw).toBe('Asterisk Call Manager/11.0.0\r\n');
  });

  it('refuses actions before login with Permission denied', async () => {
    const r = await client.action([['Action', 'Ping'], ['ActionID', 'p']]);
    expect(get(r, 'Message')).toBe('Permission denied');
  });

  it('logs in with MD5 through Challenge, and rejects a wrong key by closing', async () => {
    const ch = await client.action([['Action', 'Challenge'], ['ActionID', 'c'], ['AuthType', 'MD5']]);
    const key = createHash('md5').update(`${get(ch, 'Challenge')}cti-secret`).digest('hex');
    const ok = await client.action([['Action', 'Login'], ['ActionID', 'm'], ['AuthType', 'MD5'], ['Username', 'cti'], ['Key', key]]);
    expect(get(ok, 'Message')).toBe('Authentication accepted');
    const other = await RawAmiClient.open(sim.amiPort);
    await other.action([['Action', 'Challenge'], ['ActionID', 'c'], ['AuthType', 'MD5']]);
    const bad = await other.action([['Action', 'Login'], ['ActionID', 'm'], ['AuthType', 'MD5'], ['Username', 'cti'], ['Key', 'deadbeef']]);
    expect(get(bad, 'Message')).toBe('Authentication failed');
    await other.closed;
  });

  it('tells logged-in sessions about a failed login with InvalidPassword, and about an unknown user with InvalidAccountID', async () => {
    await login([['Events', 'on']]);
    const bad = await RawAmiClient.open(sim.amiPort);
    await bad.action([['Action', 'Login'], ['ActionID', 'b'], ['Username', 'cti'], ['Secret', 'nope']]);
    const unknown = await RawAmiClient.open(sim.amiPort);
    await unknown.action([['Action', 'Login'], ['ActionID', 'u'], ['Username', 'mallory'], ['Secret', 'x']]);
    await client.until(() => client.raw.includes('Event: InvalidAccountID'), 'InvalidAccountID');
    const inval = client.messages().find((m) => get(m, 'Event') === 'InvalidPassword')!;
    expect(inval.map(([k]) => k)).toEqual(['Event', 'Privilege', 'EventTV', 'Severity', 'Service', 'EventVersion', 'AccountID', 'SessionID', 'LocalAddress', 'RemoteAddress', 'SessionTV']);
    expect(get(inval, 'AccountID')).toBe('cti');
  });

  it('answers garbage with Missing action and survives an oversize line', async () => {
    await login();
    client.sendRaw('this is not ami\r\n\r\n');
    await client.until(() => client.raw.includes('Missing action in request'), 'missing action');
    client.sendRaw('X: ' + 'y'.repeat(200000) + '\r\n\r\n');
    const r = await client.action([['Action', 'Ping'], ['ActionID', 'after']]);
    expect(get(r, 'Ping')).toBe('Pong');
  });

  it('stops sending events after Events: off and resumes after Events: on', async () => {
    await login([['Events', 'on']]);
    await client.action([['Action', 'Events'], ['ActionID', 'off'], ['EventMask', 'off']]);
    const before = client.raw.length;
    await client.action([['Action', 'Setvar'], ['ActionID', 's1'], ['Variable', 'GLOBAL(A)'], ['Value', '1']]);
    expect(client.raw.slice(before)).not.toContain('Event: VarSet');
    await client.action([['Action', 'Events'], ['ActionID', 'on'], ['EventMask', 'call,dialplan']]);
    await client.action([['Action', 'Setvar'], ['ActionID', 's2'], ['Variable', 'GLOBAL(A)'], ['Value', '2']]);
    await client.until(() => client.raw.includes('Value: 2'), 'VarSet after on');
  });

  it('dialplan reload through Command re-reads the configuration', async () => {
    await login();
    const r = await client.action([['Action', 'Command'], ['ActionID', 'r'], ['Command', 'dialplan reload']]);
    expect(get(r, 'Message')).toBe('Command output follows');
    expect(get(r, 'Output')).toBe('Dialplan reloaded.');
    const unknown = await client.action([['Action', 'Command'], ['ActionID', 'u'], ['Command', 'frobnicate']]);
    expect(get(unknown, 'Response')).toBe('Error');
  });

  it('Logoff says Goodbye and closes', async () => {
    await login();
    const r = await client.action([['Action', 'Logoff'], ['ActionID', 'bye']]);
    expect(get(r, 'Message')).toBe('Thanks for all the fish.');
    await client.closed;
  });
});
