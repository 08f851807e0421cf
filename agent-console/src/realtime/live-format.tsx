import { formatPhone, type AgentStatusKind, type CallView } from '@ringside/shared';
import { formatDuration } from '../features/customers/customer-format.js';
import { t, type PlainMessageKey } from '../i18n/t.js';
import { useTick } from './use-tick.js';

/** The text of each agent state. */
export const AGENT_STATUS_KEYS = {
  logged_out: 'agentStatus.logged_out',
  ready: 'agentStatus.ready',
  paused: 'agentStatus.paused',
  ringing: 'agentStatus.ringing',
  on_call: 'agentStatus.on_call',
  on_hold: 'agentStatus.on_hold',
  wrap_up: 'agentStatus.wrap_up',
} as const satisfies Record<AgentStatusKind, PlainMessageKey>;

/** A glyph per agent state, so a state reads without colour. */
export const AGENT_STATUS_GLYPH: Record<AgentStatusKind, string> = {
  logged_out: '○',
  ready: '●',
  paused: '⏸',
  ringing: '☎',
  on_call: '◉',
  on_hold: '◎',
  wrap_up: '✎',
};

/** The text of each call state. */
export const CALL_STATUS_KEYS = {
  ivr: 'callStatus.ivr',
  queued: 'callStatus.queued',
  ringing: 'callStatus.ringing',
  connected: 'callStatus.connected',
  held: 'callStatus.held',
  transferring: 'callStatus.transferring',
  ended: 'callStatus.ended',
} as const satisfies Record<CallView['status']['kind'], PlainMessageKey>;

/** A caller number as shown: international format when known as E.164, otherwise as the switch sent it. */
export function callerText(raw: string | null, e164: string | null): string {
  if (e164) return formatPhone(e164);
  if (raw) return raw.startsWith('+') ? formatPhone(raw) : raw;
  return t('call.unknownNumber');
}

/** Seconds from `since` (server time) to now, at least 0. */
export function secondsSince(since: number, nowLocal: number, clockOffsetMs: number): number {
  return Math.max(0, Math.floor((nowLocal + clockOffsetMs - since) / 1000));
}

/** A running m:ss timer from a server timestamp. */
export function Elapsed({ since, clockOffsetMs, extraSeconds = 0 }: { since: number; clockOffsetMs: number; extraSeconds?: number }) {
  const now = useTick();
  return <span className="timer">{formatDuration(secondsSince(since, now, clockOffsetMs) + extraSeconds)}</span>;
}

/** A running countdown to a server timestamp, stopping at 0:00. */
export function Countdown({ until, clockOffsetMs }: { until: number; clockOffsetMs: number }) {
  const now = useTick();
  const left = Math.max(0, Math.ceil((until - (now + clockOffsetMs)) / 1000));
  return <span className="timer">{formatDuration(left)}</span>;
}
