import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startPbxSim, type PbxEvent, type PbxSim } from '../index.js';
import { ManualClock } from '../clock.js';
import { TrafficGenerator } from './traffic-generator.js';
import { makeWorld } from '../engine/test-support.js';

let sim: PbxSim;
const base = () => `http://127.0.0.1:${sim.controlPort}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base() + path, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: await res.json() };
}

beforeEach(async () => {
  sim = await startPbxSim({ amiPort: 0, httpPort: 0, controlPort: 0, engine: { log: () => undefined } });
});
afterEach(async () => {
  await sim.stop();
});

describe('the control API', () => {
  it('places a customer call, lists it, lets agent 1001 answer and the caller hang up', async () => {
    const placed = await call('POST', '/calls', { exten: '5001', callerNum: '+4930123456', callerName: 'Ada Lovelace' });
    expect(placed.status).toBe(201);
    expect(placed.json.channel).toMatch(/^PJSIP\/2001-[0-9a-f]{8}$/);
    await new Promise((r) => setTimeout(r, 20));
    const answered = await call('POST', '/phones/1001/answer');
    expect(answered.json.channel).toMatch(/^PJSIP\/1001-/);
    const calls = await call('GET', '/calls');
    expect(calls.json).toHaveLength(1);
    expect(calls.json[0].linkedid).toBe(placed.json.uniqueid);
    expect(calls.json[0].channels.map((c: { callerNum: string }) => c.callerNum)).toContain('+4930123456');
    expect((await call('POST', `/channels/${encodeURIComponent(placed.json.channel)}/hangup`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect((await call('GET', '/calls')).json).toEqual([]);
  });

  it('rejects bad input with INVALID_INPUT and unknown channels with CALL_NOT_FOUND', async () => {
    const bad = await call('POST', '/calls', { exten: '50;01' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('INVALID_INPUT');
    const missing = await call('POST', '/channels/PJSIP%2F9999-00000000/dtmf', { digits: '1' });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('CALL_NOT_FOUND');
    const noRinging = await call('POST', '/phones/1003/answer');
    expect(noRinging.json.error.code).toBe('PBX_REJECTED');
  });

  it('unregisters and registers an agent phone', async () => {
    await call('POST', '/endpoints/1003/unregister');
    let eps = (await call('GET', '/endpoints')).json as { name: string; registered: boolean; state: string }[];
    expect(eps.find((e) => e.name === '1003')).toMatchObject({ registered: false, state: 'UNAVAILABLE' });
    await call('POST', '/endpoints/1003/register');
    eps = (await call('GET', '/endpoints')).json;
    expect(eps.find((e) => e.name === '1003')).toMatchObject({ registered: true, state: 'NOT_INUSE' });
  });

  it('registers the browser phone over WebSocket, as 1101 does in i-ws-register, and refuses an unknown transport', async () => {
    expect((await call('POST', '/endpoints/1101/register', { transport: 'ws' })).status).toBe(200);
    expect(sim.engine.endpoints.get('1101')?.contact?.transport).toBe('ws');
    const eps = (await call('GET', '/endpoints')).json as { name: string; registered: boolean }[];
    expect(eps.find((e) => e.name === '1101')).toMatchObject({ registered: true });
    const bad = await call('POST', '/endpoints/1101/register', { transport: 'carrier-pigeon' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toEqual([{ path: 'transport', message: "must be 'udp' or 'ws'" }]);
  });

  it('sends digits as SIP INFO (only DTMFEnd, with its duration) or as RFC 4733 events, and refuses an unknown mode', async () => {
    const events: PbxEvent[] = [];
    sim.engine.on((e) => events.push(e));
    const placed = await call('POST', '/calls', { exten: '5000', callerNum: '+4930123456' });
    await new Promise((r) => setTimeout(r, 100));
    const dtmf = (body: unknown) => call('POST', `/channels/${encodeURIComponent(placed.json.channel)}/dtmf`, body);
    expect((await dtmf({ digits: '9', mode: 'info', durationMs: 160 })).status).toBe(200);
    expect((await dtmf({ digits: '8', durationMs: 280 })).status).toBe(200);
    const of = (name: string, digit: string) => events.filter((e) => e.name === name && e.fields.some(([k, v]) => k === 'Digit' && v === digit));
    expect(of('DTMFBegin', '9')).toHaveLength(0);
    expect(of('DTMFEnd', '9').map((e) => e.fields.find(([k]) => k === 'DurationMs')?.[1])).toEqual(['160']);
    expect(of('DTMFBegin', '8')).toHaveLength(1);
    expect(of('DTMFEnd', '8').map((e) => e.fields.find(([k]) => k === 'DurationMs')?.[1])).toEqual(['280']);
    const bad = await dtmf({ digits: '1', mode: 'smoke-signals' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toEqual([{ path: 'mode', message: "must be 'rfc4733' or 'info'" }]);
    expect((await call('POST', '/calls', { exten: '5000', dtmf: [{ digits: '1', mode: 'info', durationMs: 5 }] })).json.error.issues[0].path).toBe('dtmf.0.durationMs');
  });

  it('starts and stops the traffic generator', async () => {
    const started = await call('POST', '/traffic', { callsPerSecond: 50, talk: { meanMs: 100 }, patience: { meanMs: 100 } });
    expect(started.json.running).toBe(true);
    // Waits for the generator's first calls (a fixed sleep fails on a busy machine), with a deadline.
    for (const end = Date.now() + 10_000; Date.now() < end; ) {
      if ((await call('GET', '/traffic')).json.placed > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const stopped = await call('DELETE', '/traffic');
    expect(stopped.json.running).toBe(false);
    expect(stopped.json.placed).toBeGreaterThan(0);
    expect((await call('POST', '/traffic', { callsPerSecond: 0 })).status).toBe(400);
  });

  it('takes several target numbers for the traffic, each with its own IVR mix, and names a bad one', async () => {
    const started = await call('POST', '/traffic', { callsPerSecond: 0.001, targets: [{ exten: '5001' }, { exten: '5000', ivrMix: { '2': 1 }, share: 3 }] });
    expect([started.status, started.json.running]).toEqual([201, true]);
    await call('DELETE', '/traffic');
    const bad = await call('POST', '/traffic', { callsPerSecond: 1, targets: [{ exten: '5001' }, { exten: '5000', ivrMix: { '2': 2 } }] });
    expect([bad.status, bad.json.error.issues[0].path]).toEqual([400, 'targets.1.ivrMix']);
    expect((await call('POST', '/traffic', { callsPerSecond: 1, targets: [] })).json.error.issues[0].path).toBe('targets');
  });
});

describe('the traffic generator on virtual time', () => {
  it('places Poisson arrivals, and callers press their IVR choice and either talk or give up', async () => {
    const w = makeWorld(undefined, { autoAnswerMs: 1000, promptMs: 200 });
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const gen = new TrafficGenerator(w.engine);
    gen.start({ callsPerSecond: 2, talk: { meanMs: 5000 }, patience: { meanMs: 20000 }, ivrMix: { '1': 0.5, '2': 0.5 }, random });
    await (w.clock as ManualClock).advance(30000);
    gen.stop();
    await w.clock.advance(200000);
    const s = gen.snapshot();
    expect(s.placed).toBeGreaterThan(30);
    expect(s.placed).toBeLessThan(100);
    expect(s.active).toBe(0);
    expect(s.completed + s.abandoned).toBe(s.placed);
    expect(s.completed).toBeGreaterThan(0);
    expect(w.named('QueueCallerJoin').map((e) => w.field(e, 'Queue'))).toEqual(expect.arrayContaining(['support', 'sales']));
  });
});
