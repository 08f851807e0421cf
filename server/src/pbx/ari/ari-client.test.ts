import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { WebSocketServer } from 'ws';
import { startPbxSim, placeInboundCall, type PbxSim } from '@ringside/pbx-sim';
import { AriClient, type AriProblem } from './ari-client.js';
import { AriRest } from './ari-rest.js';
import type { AriEvent } from './ari-models.js';

const USER = { username: 'cti', password: 'cti-secret' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(httpPort = 0): Promise<PbxSim> {
  const s = await startPbxSim({ amiPort: 0, httpPort, engine: { log: () => undefined } });
  return s;
}

async function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

function next<T>(emitter: AriClient, name: 'problem' | 'event' | 'resynced', pick: (v: never) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const on = (v: never) => {
      const r = pick(v);
      if (r === undefined) return;
      emitter.off(name, on as never);
      resolve(r);
    };
    emitter.on(name, on as never);
  });
}

describe('ARI REST requests', () => {
  it('a request the switch never answers fails with PBX_TIMEOUT at its deadline', async () => {
    const { port } = await httpServer(() => undefined);
    const rest = new AriRest({ url: `http://127.0.0.1:${port}`, ...USER });
    await expect(rest.request('GET', '/channels', { timeoutMs: 100 })).rejects.toMatchObject({ code: 'PBX_TIMEOUT' });
  });

  it('a missing channel is CALL_NOT_FOUND, a missing bridge NOT_FOUND, both with Asterisk\'s message', async () => {
    const s = await sim();
    cleanups.push(() => s.stop());
    const rest = new AriRest({ url: `http://127.0.0.1:${s.httpPort}`, ...USER });
    await expect(rest.request('GET', '/channels/nonexistent-id')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND', message: expect.stringContaining('Channel not found') });
    await expect(rest.request('GET', '/bridges/no-such-bridge')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rest.request('GET', '/asterisk/info')).resolves.toMatchObject({ system: expect.any(Object) });
  });

  it('refused credentials are PBX_REJECTED; an unreachable switch is PBX_UNAVAILABLE', async () => {
    const s = await sim();
    const url = `http://127.0.0.1:${s.httpPort}`;
    await expect(new AriRest({ url, username: 'cti', password: 'wrong' }).request('GET', '/channels')).rejects.toMatchObject({ code: 'PBX_REJECTED', message: expect.stringContaining('ARI credentials refused') });
    await s.stop();
    await expect(new AriRest({ url, ...USER }).request('GET', '/channels')).rejects.toMatchObject({ code: 'PBX_UNAVAILABLE' });
  });

  it('an id carrying CR/LF is refused with INVALID_INPUT before anything is sent', async () => {
    const { port, requests } = await httpServer((_req, res) => res.end('[]'));
    const client = new AriClient({ url: `http://127.0.0.1:${port}`, ...USER, app: 'cti' });
    await expect(client.request('POST', '/channels/abc\r\nX-Evil: 1/answer')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.continueInDialplan('1795349684.23\n', { context: 'ringside-queue-support', extension: 's' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.setChannelVar('1795349684.23', 'QUEUE_PRIO', '10\r\nHangup')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.continueInDialplan('1795349684.23', { context: 'x/../y', extension: 's' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(requests).toEqual([]);
  });
});

describe('ARI events connection', () => {
  it('keeps reconnecting while the switch is gone, and resyncs its channels when it is back', async () => {
    const first = await sim();
    const httpPort = first.httpPort;
    const client = new AriClient({ url: `http://127.0.0.1:${httpPort}`, ...USER, app: 'cti', backoff: { initialMs: 20, maxMs: 100 }, connectTimeoutMs: 1000 });
    cleanups.push(() => client.stop());
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    const firstSync = next(client, 'resynced', (s: { channels: unknown[] }) => s);
    client.start();
    await firstSync;
    expect(client.state()).toBe('connected');

    // The switch goes away; the client must keep trying (several failed attempts), not give up.
    let failures = 0;
    const retried = next(client, 'problem', (p: AriProblem) => (p.kind === 'connect' && ++failures >= 3 ? true : undefined));
    await first.stop();
    await retried;
    expect(client.state()).not.toBe('connected');

    // It comes back on the same port with a call already waiting in a queue.
    const second = await sim(httpPort);
    cleanups.push(() => second.stop());
    const ch = placeInboundCall(second.engine, { exten: '5001', callerNum: '+14155550142' });
    const resynced = await next(client, 'resynced', (s: { channels: { id: string; caller: { number: string } }[] }) => (s.channels.some((c) => c.id === ch.id) ? s : undefined));
    expect(resynced.channels.find((c) => c.id === ch.id)?.caller.number).toBe('+14155550142');
    expect(client.state()).toBe('connected');
    expect(states.filter((s) => s === 'connected').length).toBe(2);
  });

  it('a malformed frame is reported and skipped; the events after it still arrive', async () => {
    const { server, port } = await httpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url?.startsWith('/ari/channels') || req.url?.startsWith('/ari/bridges') ? '[]' : '{}');
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send('{"type":"StasisStart", broken');
        ws.send('[1,2,3]');
        ws.send(JSON.stringify({ type: 'ChannelStateChange', application: 'cti', channel: { id: 'a.1', name: 'PJSIP/2001-1', state: 'Up', caller: { name: '', number: '2001' } } }));
      });
    });
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const client = new AriClient({ url: `http://127.0.0.1:${port}`, ...USER, app: 'cti' });
    cleanups.push(() => client.stop());
    const problems: AriProblem[] = [];
    client.on('problem', (p) => problems.push(p));
    const event = next(client, 'event', (e: AriEvent) => e);
    client.start();
    await expect(event).resolves.toMatchObject({ type: 'ChannelStateChange' });
    expect(problems.filter((p) => p.kind === 'malformed')).toHaveLength(2);
    expect(client.state()).toBe('connected');
  });
});
