import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { PbxSim } from '@ringside/pbx-sim';
import { isRingsideError } from '@ringside/shared';
import { AmiAuthError, AmiConnection } from './ami-connection.js';
import type { AmiMessage } from './ami-parser.js';
import { simLogin, startSim } from './testing/sim.js';
import { TcpProxy } from './testing/tcp-proxy.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return isRingsideError(e) ? e.code : `not a RingsideError: ${String(e)}`;
  }
}

describe('an AMI session with pbx-sim over loopback TCP', () => {
  let sim: PbxSim;
  let proxy: TcpProxy;
  const open: AmiConnection[] = [];
  const connect = async (overrides = {}, handlers = {}) => {
    const c = await AmiConnection.connect(simLogin(proxy.port, overrides), handlers);
    open.push(c);
    return c;
  };

  beforeEach(async () => {
    sim = await startSim();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sim.amiPort });
    await proxy.listen();
  });

  afterEach(async () => {
    for (const c of open.splice(0)) c.destroy('test over');
    await proxy.close();
    await sim.stop();
  });

  it('logs in with the right secret, reads the banner and answers a Ping', async () => {
    const conn = await connect();
    expect(conn.banner).toBe('Asterisk Call Manager/11.0.0');
    const { response } = await conn.sendAction({ Action: 'Ping' });
    expect(response.Ping).toBe('Pong');
  });

  it('logs in through an MD5 challenge without sending the secret', async () => {
    const conn = await connect({ authType: 'md5' });
    expect((await conn.sendAction({ Action: 'Ping' })).response.Response).toBe('Success');
    expect(proxy.sentText()).toContain('AuthType: MD5');
    expect(proxy.sentText()).not.toContain('cti-secret');
  });

  it('a wrong secret fails with PBX_REJECTED naming the refusal, and the socket is closed', async () => {
    const error = await AmiConnection.connect(simLogin(proxy.port, { secret: 'wrong' })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AmiAuthError);
    expect((error as AmiAuthError).code).toBe('PBX_REJECTED');
    expect((error as AmiAuthError).message).toContain('Authentication failed');
    await new Promise((r) => setTimeout(r, 50));
    expect(proxy.connections()).toBe(0);
  });

  it('nothing listening gives PBX_UNAVAILABLE', async () => {
    const probe = new TcpProxy({ host: '127.0.0.1', port: 1 });
    const port = await probe.listen();
    await probe.close();
    expect(await codeOf(AmiConnection.connect(simLogin(port)))).toBe('PBX_UNAVAILABLE');
  });

  it('an action the switch never answers fails with PBX_TIMEOUT and is no longer pending', async () => {
    const conn = await connect({ pingIntervalMs: 60_000 });
    proxy.freeze();
    expect(await codeOf(conn.sendAction({ Action: 'CoreStatus' }, { timeoutMs: 150 }))).toBe('PBX_TIMEOUT');
    expect(conn.pendingCount).toBe(0);
  });

  it('Asterisk\'s error reply becomes PBX_REJECTED with its message', async () => {
    const conn = await connect();
    const error = await conn.sendAction({ Action: 'Hangup', Channel: 'PJSIP/nope-00000000' }).catch((e: unknown) => e);
    expect(isRingsideError(error) && error.code).toBe('PBX_REJECTED');
    expect((error as Error).message).toContain('No such channel');
  });

  it('pending actions fail with PBX_UNAVAILABLE the moment the connection drops, and later ones at once without a byte sent', async () => {
    const conn = await connect();
    proxy.freeze();
    const pending = conn.sendAction({ Action: 'CoreStatus' }, { timeoutMs: 10_000 });
    await sim.stop();
    await proxy.close();
    expect(await codeOf(pending)).toBe('PBX_UNAVAILABLE');
    const before = proxy.sentText().length;
    expect(await codeOf(conn.sendAction({ Action: 'UserEvent', UserEvent: 'late' }))).toBe('PBX_UNAVAILABLE');
    expect(proxy.sentText().length).toBe(before);
    sim = await startSim();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sim.amiPort });
    await proxy.listen();
  });

  it('two Commands in flight at once each get their own output', async () => {
    const conn = await connect();
    const [version, contacts, uptime] = await Promise.all([
      conn.sendAction({ Action: 'Command', Command: 'core show version' }),
      conn.sendAction({ Action: 'Command', Command: 'pjsip show contacts' }),
      conn.sendAction({ Action: 'Command', Command: 'core show uptime' }),
    ]);
    const out = (m: AmiMessage) => (Array.isArray(m.Output) ? m.Output.join('\n') : String(m.Output));
    expect(out(version.response)).toMatch(/^Asterisk /);
    expect(out(version.response)).not.toContain('Contact:');
    expect(out(contacts.response)).toContain('Contact:');
    expect(out(contacts.response)).not.toMatch(/^Asterisk /m);
    expect(out(uptime.response)).toMatch(/uptime/i);
    expect(new Set([version.response.ActionID, contacts.response.ActionID, uptime.response.ActionID]).size).toBe(3);
  });

  it('a list action resolves with its items up to the Complete event, and they stay out of the live stream', async () => {
    const live: AmiMessage[] = [];
    const conn = await connect({}, { event: (e: AmiMessage) => live.push(e) });
    const reply = await conn.sendAction({ Action: 'QueueStatus' });
    expect(reply.response.EventList).toBe('start');
    expect(reply.events.map((e) => e.Event)).toContain('QueueMember');
    expect(reply.final?.Event).toBe('QueueStatusComplete');
    expect(live.filter((e) => e.Event === 'QueueMember')).toEqual([]);
  });

  it.each([
    ['CR/LF in a value', { Action: 'Hangup', Channel: 'PJSIP/1001-00000001\r\nAction: Originate' }],
    ['a lone LF in a value', { Action: 'Setvar', Variable: 'X', Value: 'a\nb' }],
    ['a NUL in a list value', { Action: 'Originate', Channel: 'PJSIP/1001', Variable: ['A=1', 'B=\u0000'] }],
    ['a colon in a header name', { Action: 'Ping', 'Bad:Name': 'x' }],
    ['an ActionID of our own', { Action: 'Ping', ActionID: 'mine' }],
  ])('%s is refused with INVALID_INPUT and nothing is written', async (_name, action) => {
    const conn = await connect();
    await conn.sendAction({ Action: 'Ping' });
    const before = proxy.sentText();
    expect(await codeOf(conn.sendAction(action))).toBe('INVALID_INPUT');
    await conn.sendAction({ Action: 'Ping' });
    const after = proxy.sentText().slice(before.length);
    expect(after).toMatch(/^Action: Ping\r\nActionID: [^\r\n]+\r\n\r\n$/);
  });

  it('a frozen peer is detected by the Ping heartbeat and the session closes with a reason', async () => {
    const problems: string[] = [];
    let closed = '';
    const conn = await connect({ pingIntervalMs: 100, pingTimeoutMs: 300 }, { problem: (p: { kind: string }) => problems.push(p.kind), close: (r: string) => (closed = r) });
    proxy.freeze();
    await new Promise((r) => setTimeout(r, 1200));
    expect(conn.open).toBe(false);
    expect(problems).toContain('stale');
    expect(closed).toMatch(/stale/);
  });
});
