import { randomUUID } from 'node:crypto';
import type { Channel } from '../engine/channel.js';
import type { Bridge } from '../engine/bridges.js';
import type { EndpointState } from '../engine/endpoints.js';

/** ARI's timestamp format: milliseconds and a numeric zone, `2026-11-22T12:14:44.646+0000`. */
export function ariTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** ARI spells channel states by ast_state2str, which differs from AMI's ChannelStateDesc (`Rsrved`). */
const ARI_STATE: Record<number, string> = {
  0: 'Down',
  1: 'Rsrved',
  2: 'OffHook',
  3: 'Dialing',
  4: 'Ring',
  5: 'Ringing',
  6: 'Up',
  7: 'Busy',
  8: 'Dialing Offhook',
  9: 'Pre-ring',
};

export function ariState(state: number): string {
  return ARI_STATE[state] ?? 'Unknown';
}

// Outbound PJSIP legs get their Call-ID from pjproject (a UUID); the engine keeps none for them.
const generatedCallIds = new WeakMap<Channel, string>();

/** chan_pjsip's protocol_id is the SIP Call-ID; Local channels have none. */
export function protocolId(ch: Channel): string {
  if (ch.tech !== 'PJSIP') return '';
  const known = ch.vars.get('__CALLID');
  if (known) return known;
  let id = generatedCallIds.get(ch);
  if (!id) {
    id = randomUUID();
    generatedCallIds.set(ch, id);
  }
  return id;
}

/** The Channel model, keys in the order Asterisk 22 prints them. */
export interface ChannelJson {
  id: string;
  name: string;
  state: string;
  protocol_id: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  accountcode: string;
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  creationtime: string;
  language: string;
  channelvars?: Record<string, string>;
}

export function channelJson(ch: Channel, channelVars: string[] = []): ChannelJson {
  const json: ChannelJson = {
    id: ch.id,
    name: ch.name,
    state: ariState(ch.state),
    protocol_id: protocolId(ch),
    caller: { name: ch.callerName, number: ch.callerNum },
    connected: { name: ch.connectedName, number: ch.connectedNum },
    accountcode: ch.accountCode,
    dialplan: { context: ch.context, exten: ch.exten, priority: ch.priority, app_name: ch.appl, app_data: ch.data },
    creationtime: ariTime(ch.createdAt),
    language: ch.language,
  };
  // ari.conf channelvars: only then does Asterisk add the object.
  if (channelVars.length > 0) json.channelvars = Object.fromEntries(channelVars.map((v) => [v, ch.vars.get(v) ?? '']));
  return json;
}

/** Facts ARI reports about a bridge that the engine's Bridge does not carry. */
export interface BridgeExtra {
  createdAt: number;
  /** `mixing` or `holding` (the capability Asterisk reports as bridge_type). */
  bridgeType: string;
}

export function bridgeJson(b: Bridge, extra: BridgeExtra): Record<string, unknown> {
  return {
    id: b.id,
    technology: b.technology,
    bridge_type: extra.bridgeType,
    bridge_class: b.type,
    creator: b.creator,
    name: b.name,
    channels: [...b.channels],
    creationtime: ariTime(extra.createdAt),
    video_mode: b.type === 'stasis' ? 'talker' : 'none',
  };
}

export function endpointJson(ep: EndpointState, channelIds: string[]): Record<string, unknown> {
  return { technology: 'PJSIP', resource: ep.name, state: ep.reachable ? 'online' : 'offline', channel_ids: channelIds };
}
