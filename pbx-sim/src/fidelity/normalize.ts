import type { AmiField } from '../ami/ami-message.js';

/** Values that change every run (time, ids, addresses): compared only for presence. */
const VOLATILE = new Set([
  'EventTV', 'SessionTV', 'SessionID', 'LocalAddress', 'RemoteAddress', 'Timestamp', 'Uptime', 'LastReload', 'Challenge',
  'LoginTime', 'LastCall', 'LastPause', 'HoldTime', 'TalkTime', 'RingTime', 'Wait', 'Seconds', 'Duration', 'ExpirationTime',
  'RegExpire', 'CallID', 'CallId', 'CoreStartupDate', 'CoreStartupTime', 'CoreReloadDate', 'CoreReloadTime', 'Holdtime',
  'CallsTaken', 'Completed', 'Abandoned', 'LongestHoldTime', 'DurationMs', 'CoreProcessedCalls',
]);

/** Variables whose values are timings or counters. */
export const VOLATILE_VARS = /^(ANSWEREDTIME|DIALEDTIME|RINGTIME|PROGRESSTIME|QUEUEWAIT|QEHOLDTIME|QUEUEHOLDTIME|QUEUETALKTIME|QUEUECOMPLETED|QUEUEABANDONED|MEMBERCALLS|MEMBERLASTCALL|BRIDGEPVTCALLID)(_MS)?$/;

/** Rewrites identifiers to stable shapes: channel suffixes, uniqueids, UUIDs, SIP call ids, hashes. */
export function shape(value: string): string {
  return value
    .replace(/((?:PJSIP|Local)\/[^\s,;-]+(?:@[\w-]+)?)-[0-9a-f]{8}/g, '$1-XXXXXXXX')
    .replace(/\b\d{9,10}\.\d+\b/g, '<UNIQUEID>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<UUID>')
    .replace(/\b\d+-\d+@127\.0\.0\.1\b/g, '<CALLID>')
    .replace(/;@[0-9a-f]{32}/g, ';@<HASH>')
    .replace(/\b[0-9a-f]{10}\b/g, '<HASH10>')
    // A WebSocket contact carries the browser's ephemeral port and its random `.invalid` host.
    .replace(/@127\.0\.0\.1:\d+;transport=ws;x-ast-orig-host=[a-z0-9]+\.invalid:0/g, '@127.0.0.1:<WSPORT>;transport=ws;x-ast-orig-host=<RANDOM>.invalid:0');
}

/** Normalised value of one field in the context of its message. */
export function normalizeField(message: AmiField[], [key, value]: AmiField): string {
  if (VOLATILE.has(key)) return value === '' ? '' : '<*>';
  // InCall flips at a moment that races with device-state updates inside Asterisk itself.
  if (key === 'InCall') return '<*>';
  if (/Uniqueid$|Linkedid$/.test(key) && value !== 'none' && value !== '') return '<ID>';
  if (key === 'Value') {
    const variable = message.find(([k]) => k === 'Variable')?.[1] ?? '';
    if (VOLATILE_VARS.test(variable)) return value === '' ? '' : '<*>';
  }
  return shape(value);
}

/** A message as comparable text: `Key=normalised value` lines in order. */
export function normalizeMessage(m: AmiField[]): string[] {
  return m.map((f) => `${f[0]}=${normalizeField(m, f)}`);
}
