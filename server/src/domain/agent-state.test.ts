import { describe, expect, it } from '@jest/globals';
import * as m from './agent-state.js';
import type { AgentState, Transition } from './agent-state.js';

const C = '1795349593.1';
const OTHER = '1795349600.9';
const AT = 5_000;

const states: Record<AgentState['kind'], AgentState> = {
  logged_out: { kind: 'logged_out', since: 0 },
  ready: { kind: 'ready', since: 0 },
  paused: { kind: 'paused', since: 0, reason: 'Lunch' },
  ringing: { kind: 'ringing', since: 0, callId: C, previous: { kind: 'ready', since: 0 } },
  on_call: { kind: 'on_call', since: 0, callId: C },
  on_hold: { kind: 'on_hold', since: 0, callId: C },
  wrap_up: { kind: 'wrap_up', since: 0, callId: C, until: 10_000 },
};

type Action = (s: AgentState) => Transition;
const actions: Record<string, Action> = {
  login: (s) => m.login(s, AT),
  goReady: (s) => m.goReady(s, AT),
  pause: (s) => m.pause(s, 'Break', AT),
  ring: (s) => m.ring(s, C, AT),
  answer: (s) => m.answer(s, C, AT),
  dialOut: (s) => m.dialOut(s, C, AT),
  missedRing: (s) => m.missedRing(s, C, AT),
  hold: (s) => m.hold(s, C, AT),
  unhold: (s) => m.unhold(s, C, AT),
  endCall: (s) => m.endCall(s, C, 30, AT),
  wrapUpExpired: (s) => m.wrapUpExpired(s, AT),
  logout: (s) => m.logout(s, AT),
  forceLogout: (s) => m.forceLogout(s, AT),
};

// The whole machine: for each action, the resulting state kind from each state, or null for a refusal.
const X = null;
const table: Record<string, Record<AgentState['kind'], AgentState['kind'] | null>> = {
  //              logged_out     ready         paused        ringing       on_call       on_hold       wrap_up
  login: { logged_out: 'ready', ready: X, paused: X, ringing: X, on_call: X, on_hold: X, wrap_up: X },
  goReady: { logged_out: X, ready: X, paused: 'ready', ringing: X, on_call: X, on_hold: X, wrap_up: 'ready' },
  pause: { logged_out: X, ready: 'paused', paused: 'paused', ringing: X, on_call: X, on_hold: X, wrap_up: 'paused' },
  ring: { logged_out: X, ready: 'ringing', paused: 'ringing', ringing: 'ringing', on_call: X, on_hold: X, wrap_up: 'ringing' },
  answer: { logged_out: X, ready: X, paused: X, ringing: 'on_call', on_call: X, on_hold: X, wrap_up: X },
  dialOut: { logged_out: X, ready: 'on_call', paused: 'on_call', ringing: 'on_call', on_call: X, on_hold: X, wrap_up: 'on_call' },
  missedRing: { logged_out: X, ready: X, paused: X, ringing: 'ready', on_call: X, on_hold: X, wrap_up: X },
  hold: { logged_out: X, ready: X, paused: X, ringing: X, on_call: 'on_hold', on_hold: X, wrap_up: X },
  unhold: { logged_out: X, ready: X, paused: X, ringing: X, on_call: X, on_hold: 'on_call', wrap_up: X },
  endCall: { logged_out: X, ready: X, paused: X, ringing: X, on_call: 'wrap_up', on_hold: 'wrap_up', wrap_up: X },
  // The wrap-up of the fixture runs until 10 s, so at 5 s its timer is early and refused.
  wrapUpExpired: { logged_out: X, ready: X, paused: X, ringing: X, on_call: X, on_hold: X, wrap_up: X },
  logout: { logged_out: X, ready: 'logged_out', paused: 'logged_out', ringing: X, on_call: X, on_hold: X, wrap_up: 'logged_out' },
  forceLogout: {
    logged_out: X,
    ready: 'logged_out',
    paused: 'logged_out',
    ringing: 'logged_out',
    on_call: 'logged_out',
    on_hold: 'logged_out',
    wrap_up: 'logged_out',
  },
};

const cases = Object.entries(table).flatMap(([action, row]) =>
  (Object.keys(row) as AgentState['kind'][]).map((from) => ({ action, from, to: row[from] })),
);

describe('agent state machine', () => {
  it.each(cases.filter((c) => c.to !== null))('$action from $from leads to $to', ({ action, from, to }) => {
    const result = (actions[action] as Action)(states[from]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.state.kind).toBe(to);
  });

  it.each(cases.filter((c) => c.to === null))('$action from $from is refused as ILLEGAL_TRANSITION', ({ action, from }) => {
    const result = (actions[action] as Action)(states[from]);
    expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    if (!result.ok) expect(result.message).toMatch(/^cannot /);
  });

  it('stamps each new state with the moment of the transition', () => {
    const r = m.pause(states.ready, 'Break', 7_000);
    expect(r).toEqual({ ok: true, state: { kind: 'paused', since: 7_000, reason: 'Break' } });
  });

  it('refuses actions about a different call than the one in hand', () => {
    expect(m.answer(states.ringing, OTHER, AT).ok).toBe(false);
    expect(m.ring(states.ringing, OTHER, AT).ok).toBe(false);
    expect(m.missedRing(states.ringing, OTHER, AT).ok).toBe(false);
    expect(m.hold(states.on_call, OTHER, AT).ok).toBe(false);
    expect(m.unhold(states.on_hold, OTHER, AT).ok).toBe(false);
    expect(m.endCall(states.on_call, OTHER, 30, AT).ok).toBe(false);
  });

  it('when the call ends the agent wraps up for the queue wrap-up time, or is ready at once when it is 0', () => {
    expect(m.endCall(states.on_call, C, 30, AT)).toEqual({ ok: true, state: { kind: 'wrap_up', since: AT, callId: C, until: AT + 30_000 } });
    expect(m.endCall(states.on_hold, C, 0, AT)).toEqual({ ok: true, state: { kind: 'ready', since: AT } });
  });

  it('the wrap-up timer makes the agent ready only once it is due', () => {
    const wrap = states.wrap_up as Extract<AgentState, { kind: 'wrap_up' }>;
    expect(m.wrapUpExpired(wrap, wrap.until - 1).ok).toBe(false);
    expect(m.wrapUpExpired(wrap, wrap.until)).toEqual({ ok: true, state: { kind: 'ready', since: wrap.until } });
  });

  it('a missed ring returns the agent to exactly the state before the ring', () => {
    for (const before of [states.ready, states.paused, states.wrap_up]) {
      const ringing = m.ring(before, C, 1_000);
      if (!ringing.ok) throw new Error('ring refused');
      expect(m.missedRing(ringing.state, C, 2_000)).toEqual({ ok: true, state: before });
    }
  });

  it('a wrap-up that ran out while the phone rang unanswered ends in ready', () => {
    const ringing = m.ring(states.wrap_up, C, 9_000);
    if (!ringing.ok) throw new Error('ring refused');
    expect(m.missedRing(ringing.state, C, 12_000)).toEqual({ ok: true, state: { kind: 'ready', since: 12_000 } });
  });

  it('repeating a pause with the same reason, or a ring for the same call, changes nothing', () => {
    const again = m.pause(states.paused, 'Lunch', AT);
    expect(again.ok && again.state).toBe(states.paused);
    const ringAgain = m.ring(states.ringing, C, AT);
    expect(ringAgain.ok && ringAgain.state).toBe(states.ringing);
  });
});
