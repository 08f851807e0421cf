import type { AmiField } from '../ami/ami-message.js';
import type { Channel } from './channel.js';
import { STATE_DESC } from './types.js';

/** Privilege strings exactly as Asterisk prints them. */
export const PRIV = {
  call: 'call,all',
  dialplan: 'dialplan,all',
  agent: 'agent,all',
  system: 'system,all',
  dtmf: 'dtmf,all',
  security: 'security,all',
  reporting: 'reporting,all',
} as const;

const orUnknown = (s: string) => (s === '' ? '<unknown>' : s);

/** The channel snapshot block every channel event carries, optionally prefixed (Dest, Transferer...). */
export function channelFields(ch: Channel, prefix = ''): AmiField[] {
  return [
    [`${prefix}Channel`, ch.name],
    [`${prefix}ChannelState`, String(ch.state)],
    [`${prefix}ChannelStateDesc`, STATE_DESC[ch.state] ?? 'Unknown'],
    [`${prefix}CallerIDNum`, orUnknown(ch.callerNum)],
    [`${prefix}CallerIDName`, orUnknown(ch.callerName)],
    [`${prefix}ConnectedLineNum`, orUnknown(ch.connectedNum)],
    [`${prefix}ConnectedLineName`, orUnknown(ch.connectedName)],
    [`${prefix}Language`, ch.language],
    [`${prefix}AccountCode`, ch.accountCode],
    [`${prefix}Context`, ch.context],
    [`${prefix}Exten`, ch.exten],
    [`${prefix}Priority`, String(ch.priority)],
    [`${prefix}Uniqueid`, ch.id],
    [`${prefix}Linkedid`, ch.linkedid],
    // manager.conf channelvars, after the snapshot block and C-escaped as manager_channels.c does.
    ...ch.managerVars.names.map((name): AmiField => [`${prefix}ChanVariable`, `${name}=${escapeC(ch.vars.get(name) ?? '')}`]),
  ];
}

const C_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', "'": "\\'", '"': '\\"', '?': '\\?' };

/** ast_escape_c: a value can never break the AMI frame it is written into. */
function escapeC(value: string): string {
  let out = '';
  for (const c of value) out += C_ESCAPES[c] ?? c;
  return out;
}

/** The bridge snapshot block of Bridge* events. */
export interface BridgeSnapshotSource {
  id: string;
  type: string;
  technology: string;
  creator: string;
  name: string;
  channels: string[];
}

export function bridgeFields(b: BridgeSnapshotSource, prefix = ''): AmiField[] {
  return [
    [`${prefix}BridgeUniqueid`, b.id],
    [`${prefix}BridgeType`, b.type],
    [`${prefix}BridgeTechnology`, b.technology],
    [`${prefix}BridgeCreator`, b.creator || '<unknown>'],
    [`${prefix}BridgeName`, b.name || '<unknown>'],
    [`${prefix}BridgeNumChannels`, String(b.channels.length)],
    [`${prefix}BridgeVideoSourceMode`, 'none'],
  ];
}
