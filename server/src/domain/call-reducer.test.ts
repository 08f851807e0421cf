import { describe, expect, it } from '@jest/globals';
import { muteLeg, sameJson, type Call } from './call.js';
import { reduceCall, type CallContext, type CallEvent } from './call-reducer.js';
import type { CtiEffect } from './cti-batch.js';
import { ctiConfig } from './cti-config.js';
import { CtiState } from './cti-state.js';
import { ManualClock } from './ports/clock.js';
import { effectsOf, play, script as s } from './testing/call-script.js';

const A1 = '11111111-1111-4111-8111-111111111111';
const ctx: CallContext = { agentIdOf: (e) => (e === 'PJSIP/1001' ? A1 : null), defaultCountry: 'DE' };

function reduceAll(events: CallEvent[]): Call | undefined {
  return events.reduce<Call | undefined>((call, e) => reduceCall(call, e, ctx).call, undefined);
}

describe('call reducer', () => {
  it('records the IVR path the caller took, but not feature codes an agent types', () => {
    const L = '1795349700.1';
    const call = reduceAll([
      s.caller(L, '030 1234567', 1_000) as CallEvent,
      { type: 'ivr.menu', at: 1_100, linkedid: L, uniqueid: L, menu: 'main' },
      { type: 'ivr.digit', at: 3_000, linkedid: L, uniqueid: L, digit: '1' },
      s.joinQueue(L, 'support', 3_100) as CallEvent,
      ...(s.ring(L, '1795349700.2', 'PJSIP/1001', 3_200, 'support') as CallEvent[]),
      ...(s.answer(L, '1795349700.2', 4_000, 'support') as CallEvent[]),
      { type: 'ivr.digit', at: 5_000, linkedid: L, uniqueid: '1795349700.2', digit: '*' },
    ]);
    expect(call?.callerE164).toBe('+49301234567');
    expect(call?.ivrPath).toEqual([
      { kind: 'menu', menu: 'main', at: 1_100 },
      { kind: 'digit', digit: '1', at: 3_000 },
    ]);
    expect(call?.status).toEqual({ kind: 'connected', agent: A1 });
  });

  it('never changes the call it is given', () => {
    const L = '1795349701.1';
    const before = reduceAll([s.caller(L, '+4930123', 1_000) as CallEvent, s.joinQueue(L, 'support', 1_000) as CallEvent]) as Call;
    const frozen = JSON.stringify(before);
    const after = reduceCall(before, s.hangup(L, L, 2_000) as CallEvent, ctx);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(after.call?.status).toEqual({ kind: 'ended', cause: 'abandoned' });
  });

  it('ignores an Unhold that follows no Hold (Asterisk sends one during a blind transfer)', () => {
    const L = '1795349702.1';
    const base = reduceAll([s.caller(L, '+4930123', 1_000) as CallEvent, ...(s.ring(L, '1795349702.2', 'PJSIP/1001', 1_000, null) as CallEvent[]), ...(s.answer(L, '1795349702.2', 2_000) as CallEvent[])]);
    expect(reduceCall(base, s.unhold(L, '1795349702.2', 3_000) as CallEvent, ctx).facts).toEqual([]);
  });

  it('drops events of calls it never saw open, rather than inventing them', () => {
    expect(reduceCall(undefined, s.hangup('1.1', '1.1', 1) as CallEvent, ctx)).toEqual({ call: undefined, facts: [] });
  });
});

describe('calls outside queues', () => {
  function centre() {
    const clock = new ManualClock(0);
    const state = new CtiState(ctiConfig({ agents: [{ agentId: A1, name: 'A', endpoint: 'PJSIP/1001', extension: '1001' }], defaultCountry: 'US' }), clock);
    state.login(A1);
    return { state, clock };
  }
  const records = (effects: CtiEffect[]) => effects.flatMap((e) => (e.kind === 'interaction' ? [e.record] : []));

  it('click-to-dial (trace d): the agent phone rings first, no pop, the customer is the number of the call, one outbound record', () => {
    const { state, clock } = centre();
    const D = '1795349672.21';
    const leg = 'PJSIP/1001-00000012';
    const out = play(state, clock, [
      { type: 'channel.created', at: 1_000, linkedid: D, uniqueid: D, channel: leg, callerNumber: '1001', callerName: 'Agent 1001', exten: 's', channelState: 'down' },
      { type: 'call.offered', at: 1_000, linkedid: D, uniqueid: D, channel: leg, endpoint: 'PJSIP/1001', fromUniqueid: null, queue: null },
    ]);
    expect(state.agent(A1)?.status.kind).toBe('ringing');
    expect(effectsOf(out).some((e) => e.kind === 'screenPop')).toBe(false);
    const rest = play(state, clock, [
      ...s.answer(D, D, 3_000),
      { type: 'channel.created', at: 3_100, linkedid: D, uniqueid: '1795349674.22', channel: 'PJSIP/2001-00000013', callerNumber: '4155552671', callerName: null, exten: 's', channelState: 'down' },
      { type: 'call.offered', at: 3_100, linkedid: D, uniqueid: '1795349674.22', channel: 'PJSIP/2001-00000013', endpoint: 'PJSIP/2001', fromUniqueid: D, queue: null },
    ]);
    expect(state.agent(A1)?.status.kind).toBe('on_call');
    expect(state.call(D)?.callerE164).toBe('+14155552671');
    expect(state.call(D)?.answeredAt).toBeNull();
    const end = play(state, clock, [...s.answer(D, '1795349674.22', 5_000), s.hangup(D, '1795349674.22', 35_000), s.hangup(D, D, 35_000)]);
    expect(state.agent(A1)?.status.kind).toBe('ready');
    expect(records(effectsOf([...out, ...rest, ...end]))).toEqual([
      expect.objectContaining({ legId: D, agentId: A1, direction: 'outbound', callerNumber: '+14155552671', talkSeconds: 32, abandoned: false }),
    ]);
  });

  it('a caller who hangs up in the IVR is logged once as unanswered, not abandoned', () => {
    const { state, clock } = centre();
    const I = '1795349800.1';
    const out = play(state, clock, [s.caller(I, '+14155550100', 0), { type: 'ivr.menu', at: 100, linkedid: I, uniqueid: I, menu: 'main' }, s.hangup(I, I, 9_000)]);
    expect(records(effectsOf(out))).toEqual([expect.objectContaining({ legId: I, agentId: null, queue: null, abandoned: false, waitSeconds: 0 })]);
  });
});

describe('mute on a leg', () => {
  const L = '1795349900.1';
  const AG = '1795349900.2';
  const ringing = () => reduceAll([s.caller(L, '+4930123', 1_000) as CallEvent, ...(s.ring(L, AG, 'PJSIP/1001', 1_000, null) as CallEvent[])]) as Call;
  const held = () => reduceCall(reduceCall(ringing(), s.answer(L, AG, 2_000)[0] as CallEvent, ctx).call, s.hold(L, AG, 2_500) as CallEvent, ctx).call as Call;

  it('refuses a leg that is still ringing or unknown, and mutes a connected (even held) leg without touching the call it is given', () => {
    expect(muteLeg(ringing(), AG, true)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: 'cannot mute a leg that is still ringing' });
    expect(muteLeg(held(), 'nope', true)).toMatchObject({ ok: false, code: 'CALL_NOT_FOUND' });
    const before = held();
    const muted = muteLeg(before, AG, true);
    expect(muted.ok && muted.call.legs[AG]?.muted).toBe(true);
    expect(before.legs[AG]?.muted).toBe(false);
    // Muting twice is no change at all (no delta follows); unmuting clears it.
    const again = muted.ok ? muteLeg(muted.call, AG, true) : muted;
    expect(again.ok && muted.ok && again.call === muted.call).toBe(true);
    const unmuted = muted.ok ? muteLeg(muted.call, AG, false) : muted;
    expect(unmuted.ok && unmuted.call.legs[AG]?.muted).toBe(false);
  });

  it('ends with the leg and with a completed transfer, and an ended leg cannot be unmuted', () => {
    const muted = muteLeg(held(), AG, true);
    if (!muted.ok) throw new Error(muted.message);
    const transferred = reduceCall(muted.call, s.transfer(L, AG, 'blind', 3_000) as CallEvent, ctx).call as Call;
    expect(transferred.legs[AG]?.muted).toBe(false);
    const remuted = muteLeg(transferred, AG, true);
    if (!remuted.ok) throw new Error(remuted.message);
    const hungUp = reduceCall(remuted.call, s.hangup(L, AG, 4_000) as CallEvent, ctx).call as Call;
    expect(hungUp.legs[AG]?.muted).toBe(false);
    expect(muteLeg(hungUp, AG, false)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: 'cannot unmute a leg that is ended' });
  });

  it('the live state sends the muted leg to the agent’s room and the supervisors, once', () => {
    const clock = new ManualClock(0);
    const state = new CtiState(ctiConfig({ agents: [{ agentId: A1, name: 'A', endpoint: 'PJSIP/1001', extension: '1001' }], defaultCountry: 'US' }), clock);
    state.login(A1);
    play(state, clock, [s.caller(L, '+14155550100', 1_000), ...s.ring(L, AG, 'PJSIP/1001', 1_000)]);
    expect(state.setLegMuted(L, AG, true)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    play(state, clock, s.answer(L, AG, 2_000));
    const result = state.setLegMuted(L, AG, true);
    if (!result.ok) throw new Error(result.message);
    const rooms = result.outcome.deltas.map((d) => [d.room, d.changes.flatMap((c) => (c.type === 'call' ? c.call.legs.filter((l) => l.uniqueid === AG).map((l) => l.muted) : []))]);
    expect(rooms).toEqual(expect.arrayContaining([['supervisors', [true]], [`agent:${A1}`, [true]]]));
    const again = state.setLegMuted(L, AG, true);
    expect(again.ok && again.outcome.deltas).toEqual([]);
    expect(state.setLegMuted('1.1', AG, true)).toMatchObject({ ok: false, code: 'CALL_NOT_FOUND' });
  });
});

describe('sameJson (the change check run on every call event)', () => {
  it('tells equal views from changed ones, nested arrays and nulls included', () => {
    const view = { callId: 'c1', legs: [{ uniqueid: 'u1', state: 'up', muted: false, answeredAt: null }], ivrPath: [{ menu: 'main', choice: '1' }] };
    expect(sameJson(view, structuredClone(view))).toBe(true);
    expect(sameJson(view, { ...view, legs: [{ ...view.legs[0], muted: true }] })).toBe(false);
    expect(sameJson(view, { ...view, legs: [] })).toBe(false);
    expect(sameJson(view, { ...view, ivrPath: null })).toBe(false);
    expect(sameJson({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
