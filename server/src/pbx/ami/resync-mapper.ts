import type { SupervisorSnapshot } from '@ringside/shared';
import { endpointOfChannel, type ChannelCreated, type DomainEvent } from '../../domain/events.js';
import type { AmiResyncSnapshot } from './ami-client.js';
import { memberAdded } from './ami-event-mapper.js';
import { field, type AmiMessage } from './ami-parser.js';
import { carriesMute } from './mute-variable.js';
import { spiedCallOf } from './spy-legs.js';

/** What the domain believed before the connection dropped: live calls and queue memberships. */
export interface ResyncBaseline {
  calls: Array<{ callId: string; legs: Array<{ uniqueid: string; state: string }> }>;
  members: Array<{ queue: string; endpoint: string; paused: boolean }>;
}

/** The baseline of a CtiState, read through its supervisor snapshot. */
export function baselineOf(snapshot: Pick<SupervisorSnapshot, 'agents' | 'calls'>): ResyncBaseline {
  return {
    calls: snapshot.calls.map((c) => ({ callId: c.callId, legs: c.legs.map((l) => ({ uniqueid: l.uniqueid, state: l.state })) })),
    members: snapshot.agents.flatMap((a) => a.memberships.map((m) => ({ queue: m.queue, endpoint: a.endpoint, paused: m.paused }))),
  };
}

function seqOf(uniqueid: string): [number, number] {
  const dot = uniqueid.indexOf('.');
  return [Number(uniqueid.slice(0, dot)) || 0, Number(uniqueid.slice(dot + 1)) || 0];
}

function byAge(a: AmiMessage, b: AmiMessage): number {
  const [as, an] = seqOf(field(a, 'Uniqueid'));
  const [bs, bn] = seqOf(field(b, 'Uniqueid'));
  return as - bs || an - bn;
}

function channelState(code: string): ChannelCreated['channelState'] {
  return code === '6' ? 'up' : code === '4' || code === '5' ? 'ring' : code === '0' ? 'down' : undefined;
}

const unknownToNull = (v: string) => (v === '' || v === '<unknown>' ? null : v);

/**
 * When a channel the domain never saw began: CoreShowChannel's Duration (`HH:MM:SS`) before the
 * snapshot. A leg that is up is taken as answered then too: AMI keeps no answer time, and a
 * restarted server must not count the whole call as talk starting at its own boot.
 */
function startedAt(c: AmiMessage, at: number): number {
  const m = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(field(c, 'Duration'));
  if (!m) return at;
  return at - (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
}

/**
 * Turns what the switch reports after a (re)connect into domain events that bring the state in
 * line: channels and queue entries the domain missed are created (oldest channel of each call
 * first, so it opens the call as the caller), calls and legs that vanished while we were away
 * end, memberships are added, re-paused or removed. Events the state already absorbed change
 * nothing, so applying them to a state that missed nothing is harmless.
 */
export function resyncEvents(snapshot: AmiResyncSnapshot, baseline: ResyncBaseline): DomainEvent[] {
  const at = snapshot.at;
  const out: DomainEvent[] = [];
  const channels = snapshot.channels.filter((c) => c.Event === 'CoreShowChannel' && field(c, 'Uniqueid') !== '').sort(byAge);
  const liveLegs = new Set(channels.map((c) => field(c, 'Uniqueid')));
  const linkedOf = new Map(channels.map((c) => [field(c, 'Uniqueid'), spiedCallOf(field(c, 'Uniqueid')) ?? (field(c, 'Linkedid') || field(c, 'Uniqueid'))]));
  const liveCalls = new Set(linkedOf.values());
  // A caller answered from a queue is still inside Queue() on the switch: its ApplicationData
  // names the queue, so a call recovered after a restart keeps its queue on the record.
  const queueOf = new Map<string, string>();
  for (const c of channels) {
    const uniqueid = field(c, 'Uniqueid');
    if (field(c, 'Application') !== 'Queue' || linkedOf.get(uniqueid) !== uniqueid) continue;
    const queue = field(c, 'ApplicationData').split(',')[0]?.trim();
    if (queue) queueOf.set(uniqueid, queue);
  }

  // What ended while we were away goes first, so a reused endpoint is free before new calls land on it.
  for (const call of baseline.calls) {
    if (!liveCalls.has(call.callId)) {
      out.push({ type: 'call.ended', at, linkedid: call.callId });
      continue;
    }
    for (const leg of call.legs) {
      if (leg.state !== 'ended' && !liveLegs.has(leg.uniqueid)) {
        out.push({ type: 'channel.hungup', at, linkedid: call.callId, uniqueid: leg.uniqueid, cause: 0, causeText: 'Gone at resync' });
      }
    }
  }

  for (const c of channels) {
    const uniqueid = field(c, 'Uniqueid');
    const linkedid = linkedOf.get(uniqueid) as string;
    const channel = field(c, 'Channel');
    const state = channelState(field(c, 'ChannelState'));
    const since = startedAt(c, at);
    const created: ChannelCreated = {
      type: 'channel.created',
      at: since,
      linkedid,
      uniqueid,
      channel,
      callerNumber: unknownToNull(field(c, 'CallerIDNum')),
      callerName: unknownToNull(field(c, 'CallerIDName')),
      exten: field(c, 'Exten') || null,
    };
    if (state !== undefined) created.channelState = state;
    if (spiedCallOf(uniqueid)) created.role = 'spy';
    out.push(created);
    if (uniqueid === linkedid) continue;
    // A later leg exists because something dialled it: it rang, and is answered if it is up.
    out.push({ type: 'call.offered', at: since, linkedid, uniqueid, channel, endpoint: endpointOfChannel(channel), fromUniqueid: null, queue: queueOf.get(linkedid) ?? null });
    if (state === 'up') out.push({ type: 'call.answered', at: since, linkedid, uniqueid });
    // The switch still mutes what it muted before we lost it; the mark on the channel says so.
    if (carriesMute(c)) out.push({ type: 'call.muted', at, linkedid, uniqueid, muted: true });
  }

  for (const e of snapshot.queueStatus) {
    if (e.Event !== 'QueueEntry') continue;
    const uniqueid = field(e, 'Uniqueid');
    const linkedid = linkedOf.get(uniqueid);
    if (!linkedid) continue;
    const waitSeconds = Number(field(e, 'Wait')) || 0;
    out.push({ type: 'queue.joined', at: at - waitSeconds * 1000, linkedid, uniqueid, queue: field(e, 'Queue'), position: Number(field(e, 'Position')) || 1 });
  }

  const known = new Map(baseline.members.map((m) => [`${m.queue}\u0000${m.endpoint}`, m]));
  const seen = new Set<string>();
  for (const e of snapshot.queueStatus) {
    if (e.Event !== 'QueueMember') continue;
    const added = memberAdded(e, at);
    if (added.type !== 'member.added' || added.endpoint === '' || added.queue === '') continue;
    const key = `${added.queue}\u0000${added.endpoint}`;
    seen.add(key);
    const before = known.get(key);
    out.push(added);
    // member.added sets the membership; a changed pause must also move the agent.
    if (before && before.paused !== added.paused) {
      out.push({ type: 'member.paused', at, queue: added.queue, endpoint: added.endpoint, paused: added.paused, reason: added.pausedReason });
    }
  }
  for (const m of baseline.members) {
    if (!seen.has(`${m.queue}\u0000${m.endpoint}`)) out.push({ type: 'member.removed', at, queue: m.queue, endpoint: m.endpoint });
  }
  return out;
}
