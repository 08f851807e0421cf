import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TENANT_ID, type RoomDelta } from '@ringside/shared';
import { SwitchTenants } from '../tenancy/switch-tenants.js';
import { ctiConfig } from './cti-config.js';
import { CtiState } from './cti-state.js';
import type { DomainEvent } from './events.js';
import { ManualClock } from './ports/clock.js';
import { play, script as s } from './testing/call-script.js';

// Two tenants on one switch, each with its 1001 in its own `support` (`support`, `acme-support`).
const ACME = '7e318976-a8db-44d0-93e0-b498132f88d6';
const D1 = '11111111-1111-4111-8111-111111111111';
const A1 = '22222222-2222-4222-8222-222222222222';
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function setup() {
  const clock = new ManualClock(T0);
  const naming = new SwitchTenants([
    { id: DEFAULT_TENANT_ID, switchPrefix: '' },
    { id: ACME, switchPrefix: 'acme', slug: 'acme', name: 'Acme Insurance' },
  ]);
  const state = new CtiState(
    ctiConfig({
      agents: [
        { agentId: D1, name: 'Dana', endpoint: 'PJSIP/1001', extension: '1001', tenantId: DEFAULT_TENANT_ID },
        { agentId: A1, name: 'Alice', endpoint: 'PJSIP/acme-1001', extension: '1001', tenantId: ACME },
      ],
      naming,
    }),
    clock,
  );
  for (const id of [D1, A1]) state.login(id);
  const members: DomainEvent[] = [
    { type: 'member.added', at: T0, queue: 'support', endpoint: 'PJSIP/1001', paused: false, pausedReason: null },
    { type: 'member.added', at: T0, queue: 'acme-support', endpoint: 'PJSIP/acme-1001', paused: false, pausedReason: null },
  ];
  const deltas: RoomDelta[] = play(state, clock, members).flatMap((o) => o.deltas);
  const run = (events: DomainEvent[]) => {
    const out = play(state, clock, events);
    deltas.push(...out.flatMap((o) => o.deltas));
    return out;
  };
  return { state, deltas, run };
}

const callsIn = (deltas: RoomDelta[], tenantId: string, room: string) =>
  deltas.filter((d) => d.tenantId === tenantId && d.room === room).flatMap((d) => d.changes.flatMap((c) => (c.type === 'call' ? [c.call.callId] : c.type === 'call_removed' ? [`-${c.callId}`] : [])));

describe('the CTI state of two tenants', () => {
  it("routes each tenant's call, agent and queue to that tenant's rooms only, by local names, with each room's own seqs", () => {
    const { state, deltas, run } = setup();
    run([s.caller('A.1', '+14155550123', T0 + 1000, 'PJSIP/acme-3001'), s.joinQueue('A.1', 'acme-support', T0 + 1000), ...s.ring('A.1', 'A.2', 'PJSIP/acme-1001', T0 + 2000, 'acme-support')]);
    run([s.caller('D.1', '+14155550123', T0 + 1000), s.joinQueue('D.1', 'support', T0 + 1000), ...s.ring('D.1', 'D.2', 'PJSIP/1001', T0 + 2000, 'support')]);
    expect(callsIn(deltas, ACME, 'supervisors')).toContain('A.1');
    expect(callsIn(deltas, ACME, 'supervisors')).not.toContain('D.1');
    expect(callsIn(deltas, DEFAULT_TENANT_ID, 'supervisors')).not.toContain('A.1');
    expect(callsIn(deltas, ACME, `agent:${A1}`)).toContain('A.1');
    const acmeQueue = deltas.filter((d) => d.room === 'queue:support' && d.tenantId === ACME).flatMap((d) => d.changes);
    expect(acmeQueue.every((c) => c.type === 'queue' && c.queue.tenantId === ACME && c.queue.name === 'support')).toBe(true);
    // Both tenants' `queue:support` count from 1: two rooms.
    expect(deltas.find((d) => d.room === 'queue:support' && d.tenantId === ACME)?.seq).toBe(1);
    expect(deltas.find((d) => d.room === 'queue:support' && d.tenantId === DEFAULT_TENANT_ID)?.seq).toBe(1);
    const acme = state.supervisorSnapshot(ACME);
    expect([acme.agents.map((a) => a.agentId), acme.queues.map((q) => q.name), acme.calls.map((c) => [c.callId, c.queue])]).toEqual([[A1], ['support'], [['A.1', 'support']]]);
    expect(state.supervisorSnapshot(DEFAULT_TENANT_ID).calls.map((c) => c.callId)).toEqual(['D.1']);
    expect(state.colleaguesOf(A1)).toEqual([]);
  });

  it("a call that came in on an unprefixed trunk and joins Acme's queue is taken away from the default tenant's supervisors", () => {
    const { state, deltas, run } = setup();
    run([s.caller('M.1', '+14155550123', T0 + 1000)]);
    expect(callsIn(deltas, DEFAULT_TENANT_ID, 'supervisors')).toEqual(['M.1']);
    const joined = run([s.joinQueue('M.1', 'acme-support', T0 + 2000)]);
    // Looked up as the default tenant's caller on arrival, the caller is looked up again as Acme's, before an Acme agent rings.
    expect(joined.flatMap((o) => o.effects).filter((e) => e.kind === 'callerKnown')).toEqual([{ kind: 'callerKnown', callId: 'M.1', e164: '+14155550123' }]);
    expect(callsIn(deltas, DEFAULT_TENANT_ID, 'supervisors')).toEqual(['M.1', '-M.1']);
    expect(callsIn(deltas, ACME, 'supervisors')).toEqual(['M.1']);
    expect(state.tenantOfCall('M.1')).toBe(ACME);
    run([s.hangup('M.1', 'M.1', T0 + 3000)]);
    // Its last records are still written as Acme's.
    expect(state.tenantOfCall('M.1')).toBe(ACME);
  });
});
