/** The parts of an ARI Channel that Ringside reads. */
export interface AriChannel {
  id: string;
  name: string;
  state: string;
  caller: { name: string; number: string };
  dialplan?: { context: string; exten: string; priority: number; app_name?: string; app_data?: string };
}

/** The parts of an ARI Bridge that Ringside reads. */
export interface AriBridge {
  id: string;
  bridge_type?: string;
  channels: string[];
}

/** Any ARI event: a JSON object with a `type`; the rest depends on it. */
export interface AriEvent {
  type: string;
  application?: string;
  timestamp?: string;
  [key: string]: unknown;
}

/** A channel entering our Stasis application. */
export interface StasisStartEvent extends AriEvent {
  type: 'StasisStart';
  args: string[];
  channel: AriChannel;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a value shaped like an ARI Channel (the fields Ringside reads are there). */
export function isAriChannel(v: unknown): v is AriChannel {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.name !== 'string') return false;
  return isObject(v.caller) && typeof v.caller.number === 'string';
}

/** True for a value shaped like an ARI Bridge. */
export function isAriBridge(v: unknown): v is AriBridge {
  return isObject(v) && typeof v.id === 'string' && Array.isArray(v.channels) && v.channels.every((c) => typeof c === 'string');
}

/** Parses one WebSocket frame; null when it is not a JSON object with a string `type`. */
export function parseAriEvent(frame: string): AriEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return null;
  }
  return isObject(value) && typeof value.type === 'string' ? (value as AriEvent) : null;
}

/** True for a well-formed StasisStart. */
export function isStasisStart(e: AriEvent): e is StasisStartEvent {
  return e.type === 'StasisStart' && Array.isArray(e.args) && e.args.every((a) => typeof a === 'string') && isAriChannel(e.channel);
}

/**
 * The Stasis arguments of a channel listed by GET /channels while it sits in `app`: its
 * dialplan shows `app_name: Stasis`, `app_data: app,arg1,arg2`. Null for any other channel.
 */
export function stasisArgsOf(channel: AriChannel, app: string): string[] | null {
  const d = channel.dialplan;
  if (!d || d.app_name !== 'Stasis' || typeof d.app_data !== 'string') return null;
  const [name, ...args] = d.app_data.split(',');
  return name === app ? args : null;
}
