import type { AgentStatus } from '@ringside/shared';
import { failure } from '../../realtime/command-outcome.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import { phoneEmitter, type PhoneCallState, type PhoneDriver, type RegistrationState } from './phone-driver.js';

function callStateOf(status: AgentStatus | undefined): PhoneCallState {
  switch (status?.kind) {
    case 'ringing':
      return 'incoming';
    case 'on_call':
      return 'active';
    case 'on_hold':
      return 'held';
    default:
      return 'idle';
  }
}

/**
 * The phone in simulated-switch and desk-phone mode: the audio is elsewhere, so the driver's state
 * is the agent's state from the store and its actions are socket commands; answering asks the
 * server to make the ringing phone pick up.
 */
export function createServerDriver(client: RealtimeClient): PhoneDriver {
  const events = phoneEmitter();
  let registration: RegistrationState = 'unregistered';
  let callState: PhoneCallState = 'idle';
  let off: (() => void) | null = null;

  function sync() {
    const { connection, live } = client.getState();
    const next: RegistrationState = connection === 'connected' ? 'registered' : connection === 'offline' ? 'failed' : 'registering';
    if (next !== registration) {
      registration = next;
      events.emit('registration', { state: next, problem: null });
    }
    // While the picture is rebuilt, keep the last call state rather than flashing "idle".
    if (!live?.me) return;
    const state = callStateOf(live.me.status);
    if (state === callState) return;
    callState = state;
    events.emit('callState', { state });
    if (state === 'incoming') {
      const status = live.me.status;
      const call = status.kind === 'ringing' ? live.calls[status.callId] : undefined;
      events.emit('incoming', { remote: call?.callerE164 ?? call?.callerNumber ?? '' });
    }
  }

  return {
    kind: 'server',
    async register() {
      off ??= client.subscribe(sync);
      sync();
      return { ok: true };
    },
    unregister() {
      off?.();
      off = null;
      registration = 'unregistered';
      events.emit('registration', { state: 'unregistered', problem: null });
    },
    // The server tells the ringing phone to pick up (the switch answers for a desk phone or the simulator).
    answer() {
      const status = client.getState().live?.me?.status;
      return status?.kind === 'ringing' ? client.sendCommand('answer', { callId: status.callId }) : Promise.resolve(failure('CALL_NOT_FOUND', 'no call is ringing'));
    },
    hangUp: (callId) => (callId ? client.sendCommand('hangUp', { callId }) : Promise.resolve(failure('CALL_NOT_FOUND', 'no call'))),
    hold: (callId, on) => client.sendCommand(on ? 'hold' : 'unhold', { callId }),
    mute: (callId, on) => client.sendCommand(on ? 'mute' : 'unmute', { callId }),
    dtmf: (callId, digits) => client.sendCommand('sendDtmf', { callId, digits }),
    on: events.on,
    latest: events.latest,
    dispose() {
      off?.();
      off = null;
      events.clear();
    },
  };
}
