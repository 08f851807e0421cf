import type { CommandOutcome } from '../../realtime/command-outcome.js';

/** Whether the phone can receive calls. */
export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';

/** The phone's own call, as the device sees it. */
export type PhoneCallState = 'idle' | 'incoming' | 'active' | 'held' | 'ended';

/** Media figures of the running call; null where the device cannot tell. */
export interface CallQuality {
  rttMs: number | null;
  jitterMs: number | null;
  packetLossPct: number | null;
}

/** What a phone reports. */
export interface PhoneEventMap {
  registration: { state: RegistrationState; problem: string | null };
  incoming: { remote: string };
  callState: { state: PhoneCallState };
  quality: CallQuality;
  /** A tone the far end sent during the call (SIP INFO or RFC 4733), one event per digit. */
  dtmfReceived: { digit: string };
}

/**
 * A phone the console drives: a browser softphone (JsSIP over WSS) or, in simulated-switch and
 * desk-phone mode, the server's commands. Every action resolves with an outcome, never rejects.
 */
export interface PhoneDriver {
  readonly kind: 'webrtc' | 'server';
  register(): Promise<CommandOutcome>;
  unregister(): void;
  answer(): Promise<CommandOutcome>;
  hangUp(callId: string | null): Promise<CommandOutcome>;
  hold(callId: string, on: boolean): Promise<CommandOutcome>;
  mute(callId: string, on: boolean): Promise<CommandOutcome>;
  dtmf(callId: string, digits: string): Promise<CommandOutcome>;
  on<E extends keyof PhoneEventMap>(event: E, listener: (payload: PhoneEventMap[E]) => void): () => void;
  /** The last payload of an event, so a panel mounted later starts from the current state. */
  latest<E extends keyof PhoneEventMap>(event: E): PhoneEventMap[E] | null;
  dispose(): void;
}

/** A tiny typed emitter for drivers. */
export function phoneEmitter() {
  // Typed at the edges; inside, one map keyed by event name keeps TS from intersecting payload types.
  const listeners = new Map<keyof PhoneEventMap, Set<(payload: unknown) => void>>();
  const last = new Map<keyof PhoneEventMap, unknown>();
  return {
    latest<E extends keyof PhoneEventMap>(event: E): PhoneEventMap[E] | null {
      return (last.get(event) as PhoneEventMap[E] | undefined) ?? null;
    },
    on<E extends keyof PhoneEventMap>(event: E, listener: (payload: PhoneEventMap[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    emit<E extends keyof PhoneEventMap>(event: E, payload: PhoneEventMap[E]): void {
      last.set(event, payload);
      for (const l of [...(listeners.get(event) ?? [])]) l(payload);
    },
    clear(): void {
      listeners.clear();
    },
  };
}
