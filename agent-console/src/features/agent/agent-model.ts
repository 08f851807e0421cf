import type { AgentView, CallView, ScreenPop } from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import type { LiveData } from '../../realtime/live-state.js';
import type { DispositionOption } from '../../realtime/snapshot-extras.js';

/** The call the agent's phone is busy with (ringing, talking or holding), if any. */
export function activeCallId(me: AgentView): string | null {
  const s = me.status;
  return s.kind === 'ringing' || s.kind === 'on_call' || s.kind === 'on_hold' ? s.callId : null;
}

/** The call that still needs a disposition: the one in wrap-up, or the last call left without one. */
export function wrapUpCallId(me: AgentView): string | null {
  if (me.status.kind === 'wrap_up') return me.status.callId;
  if (activeCallId(me) === null && me.lastCall && me.lastCall.disposition === null) return me.lastCall.callId;
  return null;
}

/** The agent's current call from the picture. */
export function activeCall(live: LiveData): CallView | null {
  const id = live.me ? activeCallId(live.me) : null;
  return id ? (live.calls[id] ?? null) : null;
}

/** Whether the switch mutes the agent's own leg of the call (the server records it; a reload keeps it). */
export function mutedOn(call: CallView, me: AgentView): boolean {
  return call.legs.some((l) => l.endpoint === me.endpoint && l.state !== 'ended' && l.muted);
}

/** The newest pop for a call. */
export function popFor(pops: Record<string, ScreenPop>, callId: string | null): ScreenPop | null {
  return callId ? (pops[callId] ?? null) : null;
}

const DEFAULT_PAUSE_KEYS: PlainMessageKey[] = ['pauseReason.break', 'pauseReason.lunch', 'pauseReason.meeting', 'pauseReason.training', 'pauseReason.backOffice'];

/** Pause reasons: the configured list from the snapshot, else the catalogue's. */
export function pauseReasons(live: LiveData): string[] {
  return live.extras.pauseReasons ?? DEFAULT_PAUSE_KEYS.map((k) => t(k));
}

const DISPOSITION_KEYS: Record<string, PlainMessageKey> = {
  resolved: 'disposition.resolved',
  callback: 'disposition.callback',
  sale: 'disposition.sale',
  'no-answer': 'disposition.noAnswer',
  escalated: 'disposition.escalated',
  information: 'disposition.information',
};

/** Dispositions: the configured list from the snapshot, else the catalogue's. */
export function dispositions(live: LiveData): DispositionOption[] {
  return live.extras.dispositions ?? Object.keys(DISPOSITION_KEYS).map((code) => ({ code, label: null }));
}

/** The text of a disposition option. */
export function dispositionLabel(option: DispositionOption): string {
  if (option.label) return option.label;
  const key = DISPOSITION_KEYS[option.code];
  return key ? t(key) : option.code;
}
