import type { AmiField } from '../ami/ami-message.js';
import { normalizeMessage, shape } from './normalize.js';

/** Knobs for deliberate, documented differences (see README "Deliberate simplifications"). */
export interface CompareOptions {
  /** Events pbx-sim does not produce on purpose (e.g. RTCP reports: there is no RTP). */
  ignore?: (m: AmiField[]) => boolean;
  /** Device states of the simulator before the scenario; Asterisk sometimes re-announces a state it already had. */
  initialDeviceStates?: Map<string, string>;
  /** ActionIDs whose list items come in hash order in Asterisk: compared as sorted sets. */
  unorderedLists?: string[];
  /** ActionIDs whose Output lines are product-specific (version banner): only their count is compared. */
  maskOutput?: string[];
  /** List item fields whose values differ by design, as `Event.Field`. */
  maskListFields?: string[];
  /** Event fields compared by presence only, as `Event.Field` (a snapshot racing another channel's state change). */
  maskEventFields?: string[];
  /**
   * Device states the recorded Asterisk already had when the scenario began, where they differ from
   * the simulator's: a leading pbx-sim announcement of that state is one Asterisk could not make.
   */
  recordedInitialDeviceStates?: Record<string, string>;
  /**
   * Streams that differ by a documented simplification (README, with the reason): the stream key,
   * the index of its first differing event, and that event's name on each side (`(missing)` when absent).
   */
  knownDifferences?: KnownDifference[];
}

/** One allowed first difference of one stream; anything else still fails. */
export interface KnownDifference {
  stream: string;
  index: number;
  asterisk: string;
  pbxSim: string;
  reason: string;
}

function diffSignature(diff: string): string {
  const head = /^events (\S+) #(\d+) /.exec(diff);
  const ev = (who: string) => new RegExp(`${who}:\\s+(?:Event=([^|\\n]+)|(\\(missing\\)))`).exec(diff);
  const a = ev('asterisk');
  const b = ev('pbx-sim');
  return head ? `${head[1]} #${head[2]} ${a?.[1] ?? a?.[2]} / ${b?.[1] ?? b?.[2]}` : diff;
}

/**
 * Splits differences into those not covered by a known difference, and known differences that no
 * longer occur (fixed: the allowance and the README must go too). Both must be empty.
 */
export function checkKnownDifferences(diffs: string[], known: KnownDifference[] = []): { unexpected: string[]; stale: string[] } {
  const allowed = new Set(known.map((k) => `${k.stream} #${k.index} ${k.asterisk} / ${k.pbxSim}`));
  const seen = new Set(diffs.map(diffSignature));
  return {
    unexpected: diffs.filter((d) => !allowed.has(diffSignature(d))),
    stale: [...allowed].filter((a) => !seen.has(a)),
  };
}

const get = (m: AmiField[], k: string) => m.find(([x]) => x === k)?.[1];

/** The default ignore rule: RTP statistics do not exist in a switch without media. */
export function ignoreMedia(m: AmiField[]): boolean {
  const ev = get(m, 'Event');
  if (ev === 'RTCPSent' || ev === 'RTCPReceived') return true;
  return ev === 'VarSet' && /^RTPAUDIOQOS/.test(get(m, 'Variable') ?? '');
}

function isEvent(m: AmiField[]): boolean {
  return get(m, 'Event') !== undefined && get(m, 'Privilege') !== undefined;
}

/** Assigns each channel uniqueid a stable identity: its shaped name and how many such names came before. */
function channelIdentities(messages: AmiField[][]): Map<string, string> {
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const m of messages) {
    for (let i = 0; i < m.length; i++) {
      const [k, v] = m[i]!;
      if (!k.endsWith('Channel') || k.endsWith('BridgeChannel')) continue;
      const prefix = k.slice(0, -'Channel'.length);
      const uid = get(m, `${prefix}Uniqueid`);
      if (!uid || ids.has(uid)) continue;
      const name = shape(v);
      const n = (counts.get(name) ?? 0) + 1;
      counts.set(name, n);
      ids.set(uid, `${name}#${n}`);
    }
  }
  return ids;
}

function groupKey(m: AmiField[], chans: Map<string, string>, bridges: Map<string, string>): string {
  const ev = get(m, 'Event')!;
  const uidField = m.find(([k, v]) => /Uniqueid$/.test(k) && !/BridgeUniqueid$/.test(k) && v !== 'none');
  if (uidField) return `chan:${chans.get(uidField[1]) ?? uidField[1]}`;
  const bridge = m.find(([k]) => /BridgeUniqueid$/.test(k));
  if (bridge) {
    if (!bridges.has(bridge[1])) bridges.set(bridge[1], `bridge#${bridges.size + 1}`);
    return bridges.get(bridge[1])!;
  }
  if (ev === 'DeviceStateChange') return `device:${get(m, 'Device')}`;
  if (ev === 'ExtensionStatus') return `exten:${get(m, 'Exten')}@${get(m, 'Context')}`;
  if (ev.startsWith('QueueMember')) return `member:${get(m, 'Queue')}/${get(m, 'Interface')}`;
  if (ev === 'PeerStatus') return `peer:${get(m, 'Peer')}`;
  if (ev === 'ContactStatus') return `contact:${get(m, 'AOR')}`;
  if (get(m, 'Privilege')?.startsWith('security')) return `security:${get(m, 'Service')}:${get(m, 'AccountID') ?? ''}`;
  if (ev === 'VarSet') return 'globals';
  return `event:${ev}`;
}

function groupEvents(messages: AmiField[][], opts: CompareOptions): Map<string, AmiField[][]> {
  const chans = channelIdentities(messages);
  const bridges = new Map<string, string>();
  const groups = new Map<string, AmiField[][]>();
  for (const m of messages) {
    if (!isEvent(m) || ignoreMedia(m) || opts.ignore?.(m)) continue;
    const k = groupKey(m, chans, bridges);
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  return groups;
}

function responses(messages: AmiField[][]): Map<string, AmiField[][]> {
  const out = new Map<string, AmiField[][]>();
  for (const m of messages) {
    if (isEvent(m)) continue;
    const id = get(m, 'ActionID') ?? '<none>';
    out.set(id, [...(out.get(id) ?? []), m]);
  }
  return out;
}

function renderResponse(id: string, msgs: AmiField[][], opts: CompareOptions): string[] {
  let items = msgs.map((m) => {
    let fields = m;
    if (opts.maskOutput?.includes(id)) fields = m.map(([k, v]): AmiField => [k, k === 'Output' ? '<output>' : v]);
    const ev = get(m, 'Event');
    if (ev) fields = fields.map(([k, v]): AmiField => [k, opts.maskListFields?.includes(`${ev}.${k}`) ? '<masked>' : v]);
    return normalizeMessage(fields).join('|');
  });
  if (opts.unorderedLists?.includes(id) && items.length > 2) items = [items[0]!, ...items.slice(1, -1).sort(), items[items.length - 1]!];
  return items;
}

/**
 * Compares what pbx-sim sent with what Asterisk sent: every response by ActionID, and the events
 * per channel (or device, member, bridge) in order, field names and shaped values. Returns the differences.
 */
export function compareStreams(trace: AmiField[][], sim: AmiField[][], opts: CompareOptions = {}): string[] {
  const diffs: string[] = [];
  const tr = responses(trace);
  const sr = responses(sim);
  for (const [id, msgs] of tr) {
    const a = renderResponse(id, msgs, opts);
    const b = renderResponse(id, sr.get(id) ?? [], opts);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) {
        diffs.push(`response ${id} #${i}:\n  asterisk: ${a[i] ?? '(missing)'}\n  pbx-sim:  ${b[i] ?? '(missing)'}`);
        break;
      }
    }
  }
  const tg = groupEvents(trace, opts);
  const sg = groupEvents(sim, opts);
  for (const key of new Set([...tg.keys(), ...sg.keys()])) {
    let a = tg.get(key) ?? [];
    const b = sg.get(key) ?? [];
    if (key.startsWith('device:') && a.length > 0) {
      // A device whose recorded starting state is known is handled below, on pbx-sim's side.
      const initial = opts.recordedInitialDeviceStates?.[key.slice(7)] === undefined ? opts.initialDeviceStates?.get(key.slice(7)) : undefined;
      if (initial !== undefined && get(a[0]!, 'State') === initial && get(b[0] ?? [], 'State') !== initial) a = a.slice(1);
    }
    let bb = b;
    if (key.startsWith('device:') && bb.length > 0) {
      const recorded = opts.recordedInitialDeviceStates?.[key.slice(7)];
      if (recorded !== undefined && get(bb[0]!, 'State') === recorded) bb = bb.slice(1);
    }
    const mask = (m: AmiField[]): AmiField[] => {
      const ev = get(m, 'Event');
      return m.map(([k, v]): AmiField => [k, opts.maskEventFields?.includes(`${ev}.${k}`) ? '<masked>' : v]);
    };
    const na = a.map((m) => normalizeMessage(mask(m)).join('|'));
    const nb = bb.map((m) => normalizeMessage(mask(m)).join('|'));
    for (let i = 0; i < Math.max(na.length, nb.length); i++) {
      if (na[i] !== nb[i]) {
        diffs.push(`events ${key} #${i} (of ${na.length} vs ${nb.length}):\n  asterisk: ${na[i] ?? '(missing)'}\n  pbx-sim:  ${nb[i] ?? '(missing)'}`);
        break;
      }
    }
  }
  return diffs;
}
