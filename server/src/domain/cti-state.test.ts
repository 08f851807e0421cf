import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TENANT_ID, type RoomDelta } from '@ringside/shared';
import type { CtiEffect, CtiOutcome } from './cti-batch.js';
import { ctiConfig } from './cti-config.js';
import { CtiState } from './cti-state.js';
import type { DomainEvent } from './events.js';
import { ManualClock } from './ports/clock.js';
import { effectsOf, play, script as s } from './testing/call-script.js';

const A1 = '11111111-1111-4111-8111-111111111111';
const A2 = '22222222-2222-4222-8222-222222222222';
const A3 = '33333333-3333-4333-8333-333333333333';
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const sec = (n: number) => T0 + n * 1000;

function setup() {
  const clock = new ManualClock(T0 - 60_000);
  const state = new CtiState(
    ctiConfig({
      agents: [
        { agentId: A1, name: 'Agent 1001', endpoint: 'PJSIP/1001', extension: '1001' },
        { agentId: A2, name: 'Agent 1002', endpoint: 'PJSIP/1002', extension: '1002' },
        { agentId: A3, name: 'Agent 1003', endpoint: 'PJSIP/1003', extension: '1003' },
      ],
      queues: [
        { name: 'support', serviceLevelSeconds: 20, wrapUpSeconds: 10 },
        { name: 'sales', serviceLevelSeconds: 30, wrapUpSeconds: 0 },
      ],
      pauseReasons: ['Lunch', 'Training'],
      defaultCountry: 'US',
    }),
    clock,
  );
  const outcomes: CtiOutcome[] = [];
  for (const id of [A1, A2, A3]) {
    const r = state.login(id);
    if (r.ok) outcomes.push(r.outcome);
  }
  const members: DomainEvent[] = [
    { type: 'member.added', at: T0 - 60_000, queue: 'support', endpoint: 'PJSIP/1001', paused: false, pausedReason: null },
    { type: 'member.added', at: T0 - 60_000, queue: 'support', endpoint: 'PJSIP/1002', paused: false, pausedReason: null },
    { type: 'member.added', at: T0 - 60_000, queue: 'sales', endpoint: 'PJSIP/1003', paused: false, pausedReason: null },
  ];
  outcomes.push(...play(state, clock, members));
  const run = (events: DomainEvent[]) => {
    const out = play(state, clock, events);
    outcomes.push(...out);
    return out;
  };
  return { state, clock, run, outcomes };
}

const records = (effects: CtiEffect[]) => effects.flatMap((e) => (e.kind === 'interaction' ? [e.record] : []));
const pops = (effects: CtiEffect[]) => effects.flatMap((e) => (e.kind === 'screenPop' ? [e] : []));
const deltasOf = (outcomes: CtiOutcome[]): RoomDelta[] => outcomes.flatMap((o) => o.deltas);

// Trace a-queue-answer: the caller joins `support`, both agents ring, 1001 answers after 2 s, the caller hangs up after 6 s of talk.
const L = '1795349593.1';
const queueAnswer: DomainEvent[] = [
  s.caller(L, '+1 415 555 2671', sec(0)),
  s.joinQueue(L, 'support', sec(0)),
  ...s.ring(L, '1795349593.2', 'PJSIP/1002', sec(0.1), 'support'),
  ...s.ring(L, '1795349593.3', 'PJSIP/1001', sec(0.1), 'support'),
  ...s.answer(L, '1795349593.3', sec(2), 'support'),
  s.hangup(L, '1795349593.2', sec(2), 26),
  s.leaveQueue(L, 'support', sec(2)),
  s.hangup(L, L, sec(8)),
  s.hangup(L, '1795349593.3', sec(8)),
];

describe('a queue call from offer to end', () => {
  it('rings both agents, connects the one who answers, returns the other to ready, and wraps up the answerer', () => {
    const { state, run } = setup();
    run(queueAnswer.slice(0, 6));
    expect(state.agent(A1)?.status.kind).toBe('ringing');
    expect(state.agent(A2)?.status.kind).toBe('ringing');
    expect(state.call(L)?.status).toEqual({ kind: 'ringing', agents: [A2, A1] });
    run(queueAnswer.slice(6, 11));
    expect(state.agent(A1)?.status).toEqual({ kind: 'on_call', since: sec(2), callId: L });
    expect(state.agent(A2)?.status.kind).toBe('ready');
    expect(state.call(L)?.status).toEqual({ kind: 'connected', agent: A1 });
    const end = run(queueAnswer.slice(11));
    expect(state.agent(A1)?.status).toEqual({ kind: 'wrap_up', since: sec(8), callId: L, until: sec(18) });
    expect(state.call(L)).toBeUndefined();
    expect(effectsOf(end)).toContainEqual({ kind: 'wrapUpTimer', agentId: A1, callId: L, at: sec(18) });
  });

  it('logs the answered leg once with wait, talk and hold, and the disposition set in wrap-up goes to that leg', () => {
    const { state, run } = setup();
    const all = effectsOf(run(queueAnswer));
    expect(records(all)).toEqual([
      expect.objectContaining({
        legId: '1795349593.3',
        linkedid: L,
        agentId: A1,
        queue: 'support',
        direction: 'inbound',
        callerNumber: '+14155552671',
        offeredAt: sec(0),
        answeredAt: sec(2),
        endedAt: sec(8),
        waitSeconds: 2,
        talkSeconds: 6,
        holdSeconds: 0,
        abandoned: false,
      }),
    ]);
    // A repeated Hangup (Asterisk reports some twice) logs nothing more.
    expect(records(effectsOf(run([s.hangup(L, '1795349593.3', sec(9))])))).toEqual([]);
    const disposed = state.setDisposition(A1, L, 'resolved', 'reset password');
    expect(disposed.ok && disposed.outcome.effects).toEqual([{ kind: 'disposition', legId: '1795349593.3', code: 'resolved', notes: 'reset password' }]);
    expect(state.agent(A1)?.lastCall?.disposition).toBe('resolved');
  });

  it('counts offered, answered within the service level, ASA, and AHT once wrap-up ends', () => {
    const { state, clock, run } = setup();
    run(queueAnswer);
    const during = state.queueViewOf('support').today;
    expect(during).toMatchObject({ offered: 1, answered: 1, answeredWithinSl: 1, abandoned: 0, asaSeconds: 2, serviceLevel: 1, abandonRate: 0 });
    expect(during.ahtSeconds).toBeNull();
    clock.set(sec(18));
    const tick = state.tick();
    expect(state.agent(A1)?.status.kind).toBe('ready');
    const today = state.queueViewOf('support').today;
    expect(today).toMatchObject({ handled: 1, totalTalkSeconds: 6, totalWrapUpSeconds: 10, ahtSeconds: 16 });
    expect(tick.deltas.map((d) => d.room).sort()).toEqual([`agent:${A1}`, 'queue:support', 'supervisors']);
  });

  it('a wrap-up ended early by the agent counts only the wrap-up actually taken', () => {
    const { state, clock, run } = setup();
    run(queueAnswer);
    clock.set(sec(12));
    expect(state.unpause(A1).ok).toBe(true);
    expect(state.queueViewOf('support').today).toMatchObject({ totalWrapUpSeconds: 4, ahtSeconds: 10 });
  });
});

describe('the screen pop', () => {
  it('goes only to the room of each agent whose phone rings, never to the others or to supervisors', () => {
    const { run } = setup();
    const effects = effectsOf(run(queueAnswer.slice(0, 6)));
    expect(pops(effects).map((p) => p.room)).toEqual([`agent:${A2}`, `agent:${A1}`]);
    const pop = pops(effects)[1];
    expect(pop?.context).toEqual({
      callId: L,
      tenant: { id: DEFAULT_TENANT_ID, slug: '', name: '' },
      agentId: A1,
      callerNumber: { raw: '+1 415 555 2671', e164: '+14155552671' },
      queue: 'support',
      ivrPath: [],
      waitSeconds: 0,
    });
  });

  it('for a single ringing agent only that agent is popped, and the call is not shown to uninvolved agents', () => {
    const { run } = setup();
    const L2 = '1795349700.1';
    const out = run([s.caller(L2, '4155552671', sec(0)), s.joinQueue(L2, 'sales', sec(0)), ...s.ring(L2, '1795349700.2', 'PJSIP/1003', sec(5), 'sales')]);
    expect(pops(effectsOf(out)).map((p) => p.room)).toEqual([`agent:${A3}`]);
    expect(pops(effectsOf(out))[0]?.context.waitSeconds).toBe(5);
    const rooms = new Set(deltasOf(out).map((d) => d.room));
    expect(rooms.has(`agent:${A3}`)).toBe(true);
    expect(rooms.has(`agent:${A1}`)).toBe(false);
    expect(rooms.has(`agent:${A2}`)).toBe(false);
  });
});

describe('an abandoned call', () => {
  // Trace c-queue-abandon: the caller hangs up after 4 s while both agents ring.
  const C = '1795349663.18';
  const abandoned: DomainEvent[] = [
    s.caller(C, '+14155550100', sec(0)),
    s.joinQueue(C, 'support', sec(0)),
    ...s.ring(C, '1795349664.19', 'PJSIP/1002', sec(1), 'support'),
    ...s.ring(C, '1795349664.20', 'PJSIP/1001', sec(1), 'support'),
    s.abandon(C, 'support', sec(4), 4),
    s.hangup(C, '1795349664.20', sec(4), 0),
    s.leaveQueue(C, 'support', sec(4)),
    s.hangup(C, '1795349664.19', sec(4), 0),
    s.hangup(C, C, sec(4), 0),
  ];

  it('counts as abandoned, frees both agents, and is logged exactly once', () => {
    const { state, run } = setup();
    const effects = effectsOf(run(abandoned));
    expect(state.queueViewOf('support').today).toMatchObject({ offered: 1, answered: 0, abandoned: 1, abandonedAfterSl: 0, abandonRate: 1, serviceLevel: null });
    expect(state.queueViewOf('support').waiting).toBe(0);
    expect(state.agent(A1)?.status.kind).toBe('ready');
    expect(state.agent(A2)?.status.kind).toBe('ready');
    expect(records(effects)).toEqual([
      expect.objectContaining({ legId: C, agentId: null, queue: 'support', abandoned: true, waitSeconds: 4, talkSeconds: 0, answeredAt: null }),
    ]);
    expect(records(effectsOf(run([s.hangup(C, C, sec(5), 0), s.abandon(C, 'support', sec(5), 5)])))).toEqual([]);
    expect(state.queueViewOf('support').today.abandoned).toBe(1);
  });

  it('when the queue events were lost, a caller hanging up while still queued counts as abandoned, once', () => {
    const { state, run } = setup();
    const effects = effectsOf(run(abandoned.filter((e) => e.type !== 'queue.abandoned' && e.type !== 'queue.left')));
    expect(state.queueViewOf('support').today.abandoned).toBe(1);
    expect(records(effects)).toHaveLength(1);
  });
});

describe('a blind transfer', () => {
  // Trace b-blind-transfer: 1001 answers, BlindTransfer to 1002, 1002 answers, the caller hangs up.
  const B = '1795349605.4';
  const blind: DomainEvent[] = [
    s.caller(B, '+14155550111', sec(0)),
    s.joinQueue(B, 'support', sec(0)),
    ...s.ring(B, '1795349605.5', 'PJSIP/1002', sec(0), 'support'),
    ...s.ring(B, '1795349605.6', 'PJSIP/1001', sec(0), 'support'),
    ...s.answer(B, '1795349605.6', sec(2), 'support'),
    s.leaveQueue(B, 'support', sec(2)),
    s.hangup(B, '1795349605.5', sec(2), 26),
    s.unhold(B, '1795349605.6', sec(4)),
    s.transfer(B, '1795349605.6', 'blind', sec(4), '1002'),
    s.hangup(B, '1795349605.6', sec(4)),
    ...s.ring(B, '1795349609.7', 'PJSIP/1002', sec(4)),
    ...s.answer(B, '1795349609.7', sec(6)),
    s.hangup(B, B, sec(20)),
    s.hangup(B, '1795349609.7', sec(20)),
  ];

  it('moves the call to the other agent and logs both legs once each', () => {
    const { state, run } = setup();
    const first = run(blind.slice(0, 13));
    expect(state.agent(A1)?.status.kind).toBe('wrap_up');
    expect(state.call(B)?.status).toEqual({ kind: 'transferring', from: A1, to: [] });
    const ring = run(blind.slice(13, 15));
    expect(pops(effectsOf(ring)).map((p) => p.room)).toEqual([`agent:${A2}`]);
    expect(state.call(B)?.status).toEqual({ kind: 'transferring', from: A1, to: [A2] });
    run(blind.slice(15, 17));
    expect(state.call(B)?.status).toEqual({ kind: 'connected', agent: A2 });
    expect(state.agent(A2)?.status.kind).toBe('on_call');
    const last = run(blind.slice(17));
    const logged = records(effectsOf([...first, ...ring, ...last]));
    expect(logged.map((r) => [r.legId, r.agentId, r.talkSeconds])).toEqual([
      ['1795349605.6', A1, 2],
      ['1795349609.7', A2, 14],
    ]);
    expect(state.queueViewOf('support').today).toMatchObject({ offered: 1, answered: 1 });
  });
});

describe('an attended transfer', () => {
  // Trace b3-attended-transfer: 1001 holds the caller, consults 1002 through a Local pair, then leaves.
  const X = '1795349641.12';
  const attended: DomainEvent[] = [
    s.caller(X, '+14155550122', sec(0)),
    s.joinQueue(X, 'support', sec(0)),
    ...s.ring(X, '1795349642.14', 'PJSIP/1001', sec(0), 'support'),
    ...s.answer(X, '1795349642.14', sec(2), 'support'),
    s.leaveQueue(X, 'support', sec(2)),
    s.hold(X, '1795349642.14', sec(5)),
    s.local(X, '1795349646.15', sec(6), 1),
    s.local(X, '1795349646.16', sec(6), 2),
    ...s.ring(X, '1795349646.17', 'PJSIP/1002', sec(6), null, '1795349646.16'),
    ...s.answer(X, '1795349646.17', sec(8)),
    s.transfer(X, '1795349642.14', 'attended', sec(9)),
    s.hangup(X, '1795349642.14', sec(9)),
    s.hangup(X, X, sec(30)),
    s.hangup(X, '1795349646.15', sec(30)),
    s.hangup(X, '1795349646.16', sec(30)),
    s.hangup(X, '1795349646.17', sec(30)),
  ];

  it('holds the first agent during the consultation, hands over, and logs both legs once with the hold', () => {
    const { state, run } = setup();
    const a = run(attended.slice(0, 14));
    expect(state.agent(A1)?.status.kind).toBe('on_hold');
    expect(state.agent(A2)?.status.kind).toBe('on_call');
    expect(state.call(X)?.status).toEqual({ kind: 'transferring', from: A1, to: [A2] });
    const b = run(attended.slice(14, 16));
    expect(state.agent(A1)?.status.kind).toBe('wrap_up');
    expect(state.call(X)?.status).toEqual({ kind: 'connected', agent: A2 });
    const c = run(attended.slice(16));
    expect(state.call(X)).toBeUndefined();
    const logged = records(effectsOf([...a, ...b, ...c]));
    expect(logged.map((r) => [r.legId, r.agentId, r.talkSeconds, r.holdSeconds])).toEqual([
      ['1795349642.14', A1, 3, 4],
      ['1795349646.17', A2, 22, 0],
    ]);
  });
});

describe('deltas', () => {
  it('carry sequence numbers that grow by one per room, and snapshots say where each room stands', () => {
    const { state, run, outcomes } = setup();
    run(queueAnswer);
    const seen = new Map<string, number>();
    for (const d of deltasOf(outcomes)) {
      expect(d.seq).toBe((seen.get(d.room) ?? 0) + 1);
      seen.set(d.room, d.seq);
    }
    expect(seen.get('supervisors')).toBeGreaterThan(seen.get(`agent:${A2}`) ?? 0);
    expect(state.supervisorSnapshot().seqs).toEqual({ supervisors: seen.get('supervisors') });
    const agentSnap = state.agentSnapshot(A1);
    expect(agentSnap?.seqs).toEqual({ [`agent:${A1}`]: seen.get(`agent:${A1}`), 'queue:support': seen.get('queue:support') });
    expect(agentSnap?.agent.memberships).toEqual([{ queue: 'support', paused: false, pausedReason: null }]);
  });

  it('a duplicate event changes nothing and sends nothing', () => {
    const { run } = setup();
    run(queueAnswer.slice(0, 6));
    const again = run([queueAnswer[5] as DomainEvent]);
    expect(again[0]).toEqual({ deltas: [], effects: [] });
  });
});

describe('agent commands', () => {
  it('refuse an illegal transition with ILLEGAL_TRANSITION and change nothing', () => {
    const { state, run } = setup();
    run(queueAnswer.slice(0, 8));
    const before = state.agent(A1)?.status;
    expect(state.logout(A1)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(state.pause(A1, 'Lunch')).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(state.agent(A1)?.status).toBe(before);
    expect(state.forceLogout(A1).ok).toBe(true);
    expect(state.agent(A1)?.status.kind).toBe('logged_out');
  });

  it('pause only with a configured reason; the switch confirming the pause changes nothing more', () => {
    const { state, run } = setup();
    expect(state.pause(A3, 'Smoking')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const paused = state.pause(A3, 'Lunch');
    expect(paused.ok && paused.outcome.deltas.map((d) => d.room).sort()).toEqual([`agent:${A3}`, 'queue:sales', 'supervisors']);
    const confirm = run([{ type: 'member.paused', at: sec(1), queue: 'sales', endpoint: 'PJSIP/1003', paused: true, reason: 'Lunch' }]);
    expect(effectsOf(confirm).filter((e) => e.kind === 'agentStateChanged')).toEqual([]);
    expect(state.queueViewOf('sales').agents).toMatchObject({ paused: 1, ready: 0 });
  });

  it('a disposition chosen during the call travels with the leg record', () => {
    const { state, run } = setup();
    run(queueAnswer.slice(0, 11));
    expect(state.setDisposition(A1, L, 'sale', null).ok).toBe(true);
    expect(records(effectsOf(run(queueAnswer.slice(11))))[0]).toMatchObject({ legId: '1795349593.3', disposition: 'sale' });
    expect(state.setDisposition(A2, L, 'sale', null)).toMatchObject({ ok: false, code: 'CALL_NOT_FOUND' });
  });
});

describe('the colleague directory an agent sees', () => {
  it('lists the other agents with their state and nothing of their calls', () => {
    const { state, run } = setup();
    run(queueAnswer.slice(0, -2)); // answered by 1001; neither party has hung up yet
    const seenByA3 = state.colleaguesOf(A3);
    expect(seenByA3.map((c) => c.agentId).sort()).toEqual([A1, A2].sort());
    const a1 = seenByA3.find((c) => c.agentId === A1);
    expect(a1).toEqual({ agentId: A1, name: 'Agent 1001', extension: '1001', status: { kind: 'on_call', since: sec(2) } });
    expect(JSON.stringify(seenByA3)).not.toContain('555');
  });
});
