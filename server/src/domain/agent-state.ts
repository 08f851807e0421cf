import type { AgentStatus, ReturnableAgentStatus } from '@ringside/shared';

/** An agent's state (the wire type is the domain type: one definition, no mapping). */
export type AgentState = AgentStatus;

/** Why a transition was refused. */
export interface TransitionRefusal {
  ok: false;
  code: 'ILLEGAL_TRANSITION';
  message: string;
}

/** The outcome of a transition: the new state, or a refusal that leaves the old one in force. */
export type Transition = { ok: true; state: AgentState } | TransitionRefusal;

function refuse(state: AgentState, action: string, detail = ''): TransitionRefusal {
  return {
    ok: false,
    code: 'ILLEGAL_TRANSITION',
    message: `cannot ${action} while ${state.kind.replace('_', ' ')}${detail ? ` (${detail})` : ''}`,
  };
}

const ok = (state: AgentState): Transition => ({ ok: true, state });

function isReturnable(state: AgentState): state is ReturnableAgentStatus {
  return state.kind === 'ready' || state.kind === 'paused' || state.kind === 'wrap_up';
}

function hasCall(state: AgentState): state is Extract<AgentState, { callId: string }> {
  return 'callId' in state;
}

/** The state of an agent who has not logged in since the server started. */
export function initialAgentState(at: number): AgentState {
  return { kind: 'logged_out', since: at };
}

/** Logs the agent in; they start ready. */
export function login(state: AgentState, at: number): Transition {
  return state.kind === 'logged_out' ? ok({ kind: 'ready', since: at }) : refuse(state, 'log in');
}

/** Makes the agent ready: ends a pause, or ends wrap-up early. */
export function goReady(state: AgentState, at: number): Transition {
  return state.kind === 'paused' || state.kind === 'wrap_up' ? ok({ kind: 'ready', since: at }) : refuse(state, 'become ready');
}

/** Pauses the agent (or changes the reason of a pause); allowed between calls only. */
export function pause(state: AgentState, reason: string, at: number): Transition {
  if (state.kind === 'paused' && state.reason === reason) return ok(state);
  return state.kind === 'ready' || state.kind === 'paused' || state.kind === 'wrap_up'
    ? ok({ kind: 'paused', since: at, reason })
    : refuse(state, 'pause');
}

/** The agent's phone rings for a call; a paused agent can still be rung directly. */
export function ring(state: AgentState, callId: string, at: number): Transition {
  if (state.kind === 'ringing' && state.callId === callId) return ok(state);
  return isReturnable(state) ? ok({ kind: 'ringing', since: at, callId, previous: state }) : refuse(state, 'ring');
}

/** The agent answers the call that rings. */
export function answer(state: AgentState, callId: string, at: number): Transition {
  if (state.kind !== 'ringing') return refuse(state, 'answer');
  if (state.callId !== callId) return refuse(state, 'answer', `ringing for ${state.callId}, not ${callId}`);
  return ok({ kind: 'on_call', since: at, callId });
}

/** The agent's own outgoing call connects (click-to-dial, a call placed from the phone). */
export function dialOut(state: AgentState, callId: string, at: number): Transition {
  if (state.kind === 'ringing' && state.callId === callId) return ok({ kind: 'on_call', since: at, callId });
  return isReturnable(state) ? ok({ kind: 'on_call', since: at, callId }) : refuse(state, 'place a call');
}

/** The ring ended unanswered: the agent goes back to what they were doing, wrap-up deadline included. */
export function missedRing(state: AgentState, callId: string, at: number): Transition {
  if (state.kind !== 'ringing' || state.callId !== callId) return refuse(state, 'miss a ring');
  const previous = state.previous;
  // A wrap-up that expired while the phone rang is over.
  if (previous.kind === 'wrap_up' && previous.until <= at) return ok({ kind: 'ready', since: at });
  return ok(previous);
}

/** The agent puts the call on hold. */
export function hold(state: AgentState, callId: string, at: number): Transition {
  if (state.kind === 'on_call' && state.callId === callId) return ok({ kind: 'on_hold', since: at, callId });
  return refuse(state, 'hold');
}

/** The agent takes the call off hold. */
export function unhold(state: AgentState, callId: string, at: number): Transition {
  if (state.kind === 'on_hold' && state.callId === callId) return ok({ kind: 'on_call', since: at, callId });
  return refuse(state, 'unhold');
}

/** The agent's part of the call ends: wrap-up for `wrapUpSeconds`, or ready at once when it is 0. */
export function endCall(state: AgentState, callId: string, wrapUpSeconds: number, at: number): Transition {
  if ((state.kind !== 'on_call' && state.kind !== 'on_hold') || state.callId !== callId) return refuse(state, 'end a call');
  if (wrapUpSeconds <= 0) return ok({ kind: 'ready', since: at });
  return ok({ kind: 'wrap_up', since: at, callId, until: at + wrapUpSeconds * 1000 });
}

/** The wrap-up timer fired; a stale timer (wrap-up already left, or extended) is refused. */
export function wrapUpExpired(state: AgentState, at: number): Transition {
  if (state.kind !== 'wrap_up') return refuse(state, 'expire wrap-up');
  if (state.until > at) return refuse(state, 'expire wrap-up', `runs until ${new Date(state.until).toISOString()}`);
  return ok({ kind: 'ready', since: at });
}

/** The agent logs out; not while a call rings or is in progress. */
export function logout(state: AgentState, at: number): Transition {
  return isReturnable(state) ? ok({ kind: 'logged_out', since: at }) : refuse(state, 'log out');
}

/** A supervisor logs the agent out whatever they are doing; their calls go on at the switch. */
export function forceLogout(state: AgentState, at: number): Transition {
  return state.kind === 'logged_out' ? refuse(state, 'force a logout') : ok({ kind: 'logged_out', since: at });
}

/** The call the agent is busy with, if any. */
export function currentCallId(state: AgentState): string | null {
  return hasCall(state) && state.kind !== 'wrap_up' ? state.callId : null;
}

/** True when queue calls may be offered to the agent. */
export function isAvailable(state: AgentState): boolean {
  return state.kind === 'ready';
}
