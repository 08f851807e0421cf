import { afterEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_TENANT_ID, type CallView, type DeltaChange, type QueueView, type RoomDelta } from '@ringside/shared';
import { RoomDeltaCoalescer } from './room-delta-coalescer.js';

const T = DEFAULT_TENANT_ID;
const queue = (name: string, waiting: number) => ({ name, waiting }) as unknown as QueueView;
const call = (callId: string, status: string) => ({ callId, status: { kind: status } }) as unknown as CallView;
const delta = (room: RoomDelta['room'], seq: number, at: number, changes: DeltaChange[]): RoomDelta => ({ room, tenantId: T, seq, at, changes });

describe('RoomDeltaCoalescer', () => {
  const made: RoomDeltaCoalescer[] = [];
  const make = (intervalMs: number) => {
    const sent: RoomDelta[] = [];
    const c = new RoomDeltaCoalescer(intervalMs, (ds) => sent.push(...ds));
    made.push(c);
    return { c, sent };
  };
  afterEach(() => {
    for (const c of made.splice(0)) c.reset();
  });

  it('holds a burst of queue changes and sends one delta, numbered once, with the latest values', () => {
    const { c, sent } = make(60_000);
    c.route([delta('queue:sales', 7, 100, [{ type: 'queue', queue: queue('sales', 1) }])]);
    c.route([delta('queue:sales', 8, 110, [{ type: 'queue', queue: queue('sales', 2) }])]);
    c.route([delta('queue:sales', 9, 120, [{ type: 'queue', queue: queue('sales', 3) }])]);
    expect(sent).toEqual([]);
    c.flush(T, 'queue:sales');
    expect(sent).toEqual([delta('queue:sales', 1, 120, [{ type: 'queue', queue: queue('sales', 3) }])]);
    c.route([delta('queue:sales', 10, 130, [{ type: 'queue', queue: queue('sales', 2) }])]);
    c.flush(T, 'queue:sales');
    expect(sent.map((d) => d.seq)).toEqual([1, 2]);
  });

  it('keeps only the removal of a call removed in the window, and otherwise the order of the changes', () => {
    const { c, sent } = make(60_000);
    c.route([delta('queue:q', 1, 1, [{ type: 'call', call: call('a', 'queued') }, { type: 'queue', queue: queue('q', 1) }, { type: 'call', call: call('b', 'queued') }])]);
    c.route([delta('queue:q', 2, 2, [{ type: 'call', call: call('a', 'ended') }, { type: 'call_removed', callId: 'a' }])]);
    c.flush(T, 'queue:q');
    expect(sent[0]?.changes).toEqual([{ type: 'queue', queue: queue('q', 1) }, { type: 'call', call: call('b', 'queued') }, { type: 'call_removed', callId: 'a' }]);
  });

  it('never holds an agent room or the supervisors, and with interval 0 holds nothing', () => {
    const { c, sent } = make(60_000);
    const own = delta('agent:a1', 4, 1, [{ type: 'call_removed', callId: 'x' }]);
    const sup = delta('supervisors', 9, 1, [{ type: 'queue', queue: queue('q', 1) }]);
    c.route([own, sup, delta('queue:q', 3, 1, [{ type: 'queue', queue: queue('q', 1) }])]);
    expect(sent).toEqual([own, sup]);

    const plain = make(0);
    const q = delta('queue:q', 3, 1, [{ type: 'queue', queue: queue('q', 1) }]);
    plain.c.route([q]);
    expect(plain.sent).toEqual([q]);
    expect(plain.c.holds('queue:q')).toBe(false);
  });

  it('settling a room for a snapshot sends what is pending first and reports that seq', () => {
    const { c, sent } = make(60_000);
    expect(c.settle(T, 'queue:q')).toBe(0);
    c.route([delta('queue:q', 5, 1, [{ type: 'queue', queue: queue('q', 4) }])]);
    expect(c.settle(T, 'queue:q')).toBe(1);
    expect(sent).toEqual([delta('queue:q', 1, 1, [{ type: 'queue', queue: queue('q', 4) }])]);
    expect(c.settle(T, 'queue:q')).toBe(1);
    expect(sent).toHaveLength(1);
  });
});
