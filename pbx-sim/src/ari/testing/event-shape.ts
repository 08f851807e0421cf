import type { AriEvent } from './ari-test-kit.js';
import { VOLATILE_VARS } from '../../fidelity/normalize.js';

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;
const UNIQUEID = /^\d{9,}\.\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIP_CALLID = /^\d+-\d+@127\.0\.0\.1$/;
const EID = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/** Replaces run-specific values by their format, so two runs compare equal when shaped alike. */
export function maskValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValue(x)]));
  if (typeof v !== 'string') return v;
  if (TIME.test(v)) return '<time>';
  if (UNIQUEID.test(v)) return '<uniqueid>';
  if (UUID.test(v)) return '<uuid>';
  if (SIP_CALLID.test(v)) return '<sip-call-id>';
  if (EID.test(v)) return '<eid>';
  if (/^channel:\d{9,}\.\d+$/.test(v)) return 'channel:<uniqueid>';
  return v
    .replace(/-[0-9a-f]{8}(;\d)?$/, '-<seq>$1')
    .replace(/ssrc=\d+/, 'ssrc=<n>')
    .replace(/txcount=\d+/, 'txcount=<n>');
}

/** Which stream an event belongs to: its channel, a dial attempt, a bridge without a channel, or a device. */
export function streamOf(e: AriEvent): string {
  if (e.type === 'Dial') return `dial:${String((e.peer as { id: string }).id)}`;
  const ch = e.channel as { id?: string } | undefined;
  if (ch?.id) return `channel:${ch.id}`;
  const pb = e.playback as { target_uri?: string } | undefined;
  if (pb?.target_uri) return pb.target_uri.replace(/^channel:/, 'channel:');
  const br = e.bridge as { id?: string } | undefined;
  if (br?.id) return `bridge:${br.id}`;
  // Device states come from Asterisk's device-state thread, interleaved freely across devices.
  const ds = e.device_state as { name?: string } | undefined;
  if (ds?.name) return `device:${ds.name}`;
  return 'other';
}

/**
 * Groups a run's events by stream, streams in order of first appearance. Asterisk orders events
 * of one channel deterministically but interleaves channels (and dial progress) freely.
 */
export function streams(events: AriEvent[]): AriEvent[][] {
  const by = new Map<string, AriEvent[]>();
  for (const e of events) {
    const k = streamOf(e);
    by.set(k, [...(by.get(k) ?? []), e]);
  }
  return [...by.values()];
}

/** A one-line label per event: its type, plus the variable name of ChannelVarset. */
export function label(e: AriEvent): string {
  return e.type === 'ChannelVarset' ? `ChannelVarset:${String(e.variable)}` : e.type;
}

/**
 * Differences Asterisk itself shows from run to run, with the recording that shows the other side:
 * a Dial RINGING snapshot races the peer's own state change, so the peer reads Down
 * (ari-d-click-to-dial) or Ringing (ari-f2-ari-bridge-originate).
 */
export function settleKnownRaces(e: unknown): unknown {
  const ev = e as { type?: string; dialstatus?: string; peer?: { state?: string } };
  if (ev.type === 'Dial' && ev.dialstatus === 'RINGING' && ev.peer && (ev.peer.state === 'Down' || ev.peer.state === 'Ringing')) {
    return { ...ev, peer: { ...ev.peer, state: '<Down|Ringing>' } };
  }
  return e;
}

/**
 * ChannelVarset values that are timings or counters (the same list the AMI comparator treats by
 * presence, README simplification 3): queue waits and talk times depend on when the simulated
 * phones act to the millisecond, and QUEUECOMPLETED, MEMBERCALLS... carry the recorded switch's
 * history of earlier scenarios. BRIDGEPVTCALLID is the peer's SIP Call-ID (a UUID or a sipp id).
 */
export function maskVolatileVar(e: unknown): unknown {
  const ev = e as { type?: string; variable?: string; value?: string };
  if (ev.type === 'ChannelVarset' && VOLATILE_VARS.test(ev.variable ?? '') && ev.value) return { ...ev, value: '<*>' };
  // RTP statistics are measurements of the media sipp sent (a lost packet, 100 received, an MES
  // score); pbx-sim has no media. The keys and their layout are still compared, numbers are not.
  if (ev.type === 'ChannelVarset' && /^RTPAUDIOQOS/.test(ev.variable ?? '') && ev.value) return { ...ev, value: ev.value.replace(/\d+(\.\d+)?/g, '<n>') };
  return e;
}
