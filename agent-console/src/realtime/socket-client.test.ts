import { describe, expect, it } from '@jest/globals';
import { connectedClient, FakeTransport } from '../test-support/fake-transport.js';
import { agent, agentSnapshot, AT, call, CALL_ID, ME_ID, queue, TENANT } from '../test-support/live-fixtures.js';
import { createRealtimeClient } from './socket-client.js';

const ROOM = `agent:${ME_ID}` as const;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('socket store', () => {
  it('a snapshot replaces everything known before it', () => {
    const { client, transport } = connectedClient(agentSnapshot({ calls: [call()] }));
    expect(Object.keys(client.getState().live?.calls ?? {})).toEqual([CALL_ID]);

    transport.snapshot(agentSnapshot({ calls: [], queues: [queue('billing')], seqs: { [ROOM]: 40 } }));
    const live = client.getState().live;
    expect(live?.calls).toEqual({});
    expect(Object.keys(live?.queues ?? {})).toEqual(['billing']);
    expect(live?.seqs[ROOM]).toBe(40);
  });

  it('applies the next delta of a room and ignores one it already has', () => {
    const { client, transport } = connectedClient(agentSnapshot({ seqs: { [ROOM]: 5 } }));
    transport.delta({ room: ROOM, tenantId: TENANT.id, seq: 6, at: AT + 1000, changes: [{ type: 'agent', agent: agent({ status: { kind: 'paused', since: AT, reason: 'Lunch' } }) }] });
    expect(client.getState().live?.me?.status.kind).toBe('paused');

    transport.delta({ room: ROOM, tenantId: TENANT.id, seq: 6, at: AT + 2000, changes: [{ type: 'agent', agent: agent() }] });
    expect(client.getState().live?.me?.status.kind).toBe('paused');
    expect(transport.sent).toHaveLength(0);
  });

  it('a gap in a room seq drops the picture, asks for a resync and rebuilds from the new snapshot', async () => {
    const fresh = agentSnapshot({ calls: [call()], seqs: { [ROOM]: 9 } });
    const { client, transport } = connectedClient(agentSnapshot({ seqs: { [ROOM]: 5 } }), (event) =>
      event === 'resync' ? { timedOut: false, ack: { ok: true, data: fresh } } : { timedOut: false, ack: { ok: true } },
    );
    transport.delta({ room: ROOM, tenantId: TENANT.id, seq: 7, at: AT, changes: [{ type: 'call', call: call({ callerNumber: 'stale' }) }] });

    // Nothing stale is shown while the new snapshot is on its way.
    expect(client.getState().live).toBeNull();
    expect(client.getState().syncing).toBe(true);
    expect(transport.sent).toEqual([{ event: 'resync', payload: {} }]);

    await flush();
    expect(client.getState().syncing).toBe(false);
    expect(client.getState().live?.calls[CALL_ID]?.callerNumber).toBe('0301234567');

    transport.delta({ room: ROOM, tenantId: TENANT.id, seq: 10, at: AT, changes: [{ type: 'call_removed', callId: CALL_ID }] });
    expect(client.getState().live?.calls).toEqual({});
  });

  it('a delta for a room the snapshot did not list also asks for a resync', () => {
    const { client, transport } = connectedClient(agentSnapshot());
    transport.delta({ room: 'queue:sales', tenantId: TENANT.id, seq: 1, at: AT, changes: [] });
    expect(client.getState().live).toBeNull();
    expect(transport.sent.map((s) => s.event)).toEqual(['resync']);
  });

  it('a dropped connection shows nothing stale and the reconnect rebuilds from the server snapshot', () => {
    const { client, transport } = connectedClient(agentSnapshot({ calls: [call()] }));
    transport.status({ kind: 'reconnecting' });
    expect(client.getState()).toMatchObject({ connection: 'reconnecting', live: null });

    transport.status({ kind: 'connected' });
    expect(client.getState()).toMatchObject({ connection: 'connected', live: null, syncing: true });
    transport.snapshot(agentSnapshot());
    expect(client.getState().live?.calls).toEqual({});
  });

  it('a command the shared schema refuses is never emitted', async () => {
    const { client, transport } = connectedClient(agentSnapshot());
    const outcome = await client.sendCommand('blindTransfer', { callId: CALL_ID, target: { kind: 'external', number: '123\r\nAction: Originate' } });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('INVALID_INPUT');
    expect(!outcome.ok && outcome.error.issues[0]?.path).toBe('target.number');
    expect(transport.sent).toHaveLength(0);
  });

  it('a valid command is emitted with its payload and resolves with the ack, errors keep their stable code', async () => {
    const { client, transport } = connectedClient(agentSnapshot(), (event) =>
      event === 'hold' ? { timedOut: false, ack: { ok: false, error: { code: 'CALL_NOT_FOUND', message: 'no such call' } } } : { timedOut: false, ack: { ok: true } },
    );
    expect(await client.sendCommand('pause', { reason: 'Lunch' })).toEqual({ ok: true });
    expect(await client.sendCommand('hold', { callId: CALL_ID })).toEqual({ ok: false, error: { code: 'CALL_NOT_FOUND', message: 'no such call', issues: [] } });
    expect(transport.sent).toEqual([
      { event: 'pause', payload: { reason: 'Lunch' } },
      { event: 'hold', payload: { callId: CALL_ID } },
    ]);
  });

  it('a command without an ack in time resolves as TIMEOUT, and one sent while offline as NETWORK', async () => {
    const { client, transport } = connectedClient(agentSnapshot(), () => ({ timedOut: true }));
    const late = await client.sendCommand('hangUp', { callId: CALL_ID });
    expect(!late.ok && late.error.code).toBe('TIMEOUT');

    transport.status({ kind: 'reconnecting' });
    const offline = await client.sendCommand('hangUp', { callId: CALL_ID });
    expect(!offline.ok && offline.error.code).toBe('NETWORK');
    expect(transport.sent).toHaveLength(1);
  });

  it('a refused handshake reports the session as expired', () => {
    let expired = 0;
    const transport = new FakeTransport();
    const client = createRealtimeClient({ transport: () => transport, onUnauthenticated: () => expired++ });
    client.start();
    transport.status({ kind: 'offline', unauthenticated: true });
    expect(client.getState().connection).toBe('offline');
    expect(expired).toBe(1);
    client.stop();
    expect(transport.closed).toBe(true);
  });

  it('a pending screen pop is completed by its record', () => {
    const { client, transport } = connectedClient(agentSnapshot());
    const base = { callId: CALL_ID, tenant: TENANT, agentId: ME_ID, callerNumber: { raw: '030', e164: null }, queue: null, ivrPath: [], waitSeconds: 3 };
    transport.emit('screenPop', { ...base, match: { kind: 'pending' } });
    expect(client.getState().pops[CALL_ID]?.match.kind).toBe('pending');
    transport.emit('screenPopRecord', { ...base, match: { kind: 'none', prefill: { phone: '030' } } });
    expect(client.getState().pops[CALL_ID]?.match).toEqual({ kind: 'none', prefill: { phone: '030' } });
  });
});
