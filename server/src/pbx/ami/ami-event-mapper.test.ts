import { describe, expect, it } from '@jest/globals';
import type { CallStatus } from '@ringside/shared';
import { ctiConfig } from '../../domain/cti-config.js';
import { CtiState } from '../../domain/cti-state.js';
import { ManualClock } from '../../domain/ports/clock.js';
import type { InteractionRecord } from '../../domain/ports/interaction-log.js';
import { mapAmiEvent } from './ami-event-mapper.js';
import { replayTrace, type Replay } from './testing/replay.js';
import { amiTimeline, tracesPresent } from './testing/traces.js';

const AGENTS = ['1001', '1002', '1003'];

function freshState(startAt: number): { state: CtiState; clock: ManualClock } {
  const clock = new ManualClock(startAt);
  const state = new CtiState(
    ctiConfig({
      agents: AGENTS.map((ext) => ({ agentId: `agent-${ext}`, name: `Agent ${ext}`, endpoint: `PJSIP/${ext}`, extension: ext })),
      queues: [{ name: 'support', serviceLevelSeconds: 20, wrapUpSeconds: 0 }],
    }),
    clock,
  );
  for (const ext of AGENTS) state.login(`agent-${ext}`);
  return { state, clock };
}

function run(name: string): Replay & { state: CtiState; records: InteractionRecord[]; statuses: CallStatus[] } {
  const first = amiTimeline(name)[0]?.at ?? 0;
  const { state, clock } = freshState(first);
  const replay = replayTrace(name, state, clock);
  const effects = replay.outcomes.flatMap((o) => o.effects);
  const records = effects.flatMap((e) => (e.kind === 'interaction' ? [e.record] : []));
  const statuses = replay.outcomes.flatMap((o) => o.deltas.flatMap((d) => (d.room === 'supervisors' ? d.changes : []))).flatMap((c) => (c.type === 'call' ? [c.call.status] : []));
  return { ...replay, state, records, statuses };
}

const describeTraces = tracesPresent() ? describe : describe.skip;
if (!tracesPresent()) console.warn('ami-event-mapper.test: ../shared/asterisk traces absent, replay scenarios skipped');

describeTraces('recorded Asterisk calls replayed through the mapper into the CTI state', () => {
  it('a queue call answered by 1001 while 1002 also rang counts as answered, with one record for the leg that talked', () => {
    const r = run('a-queue-answer');
    expect(r.problems).toEqual([]);
    expect(r.records).toHaveLength(1);
    const rec = r.records[0] as InteractionRecord;
    expect(rec).toMatchObject({ legId: '1795349593.3', linkedid: '1795349593.1', agentId: 'agent-1001', queue: 'support', abandoned: false, direction: 'inbound' });
    expect(rec.answeredAt).not.toBeNull();
    expect(rec.talkSeconds).toBeGreaterThan(0);
    expect(r.statuses).toContainEqual({ kind: 'ringing', agents: ['agent-1002', 'agent-1001'] });
    expect(r.statuses.at(-1)).toEqual({ kind: 'ended', cause: 'answered' });
    expect(r.state.queueViewOf('support').today).toMatchObject({ offered: 1, answered: 1, abandoned: 0 });
    expect(r.state.callViews()).toEqual([]);
    expect(r.state.agent('agent-1001')?.status.kind).toBe('ready');
    expect(r.state.agent('agent-1002')?.status.kind).toBe('ready');
  });

  it('a caller who hangs up while both agents ring counts as abandoned, with one record for the caller', () => {
    const r = run('c-queue-abandon');
    expect(r.problems).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ legId: '1795349663.18', agentId: null, queue: 'support', abandoned: true, answeredAt: null });
    expect(r.statuses.at(-1)).toEqual({ kind: 'ended', cause: 'abandoned' });
    expect(r.state.queueViewOf('support').today).toMatchObject({ offered: 1, answered: 0, abandoned: 1 });
    for (const ext of ['1001', '1002']) expect(r.state.agent(`agent-${ext}`)?.status.kind).toBe('ready');
  });

  it('a blind transfer from 1001 to 1002 shows as transferring and leaves one record per agent leg', () => {
    const r = run('b-blind-transfer');
    expect(r.problems).toEqual([]);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'call.transferred', kind: 'blind', uniqueid: '1795349605.6', target: '1002' }));
    expect(r.statuses).toContainEqual({ kind: 'transferring', from: 'agent-1001', to: [] });
    expect(r.statuses).toContainEqual({ kind: 'connected', agent: 'agent-1002' });
    expect(r.records.map((x) => [x.legId, x.agentId])).toEqual([
      ['1795349605.6', 'agent-1001'],
      ['1795349609.7', 'agent-1002'],
    ]);
    expect(r.statuses.at(-1)).toEqual({ kind: 'ended', cause: 'answered' });
    expect(r.state.queueViewOf('support').today).toMatchObject({ offered: 1, answered: 1 });
  });

  it('an attended transfer through a Local pair ends with 1002 talking and one record per agent leg, none for the Local legs', () => {
    const r = run('b3-attended-transfer');
    expect(r.problems).toEqual([]);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'call.transferred', kind: 'attended', uniqueid: '1795349642.14' }));
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'call.held', uniqueid: '1795349642.14' }));
    // The feature code the agent dialled is not an IVR choice of the caller.
    expect(r.state.callViews()).toEqual([]);
    expect(r.statuses.some((s) => s.kind === 'transferring' && s.from === 'agent-1001' && s.to.includes('agent-1002'))).toBe(true);
    expect(r.records.map((x) => [x.legId, x.agentId])).toEqual([
      ['1795349642.14', 'agent-1001'],
      ['1795349646.17', 'agent-1002'],
    ]);
    expect(new Set(r.records.map((x) => x.legId)).size).toBe(r.records.length);
    expect(r.statuses.at(-1)).toEqual({ kind: 'ended', cause: 'answered' });
  });

  it('replaying a scenario twice (duplicate events) yields no second record', () => {
    const first = amiTimeline('a-queue-answer')[0]?.at ?? 0;
    const { state, clock } = freshState(first);
    const once = replayTrace('a-queue-answer', state, clock).outcomes.flatMap((o) => o.effects).filter((e) => e.kind === 'interaction');
    const twice = replayTrace('a-queue-answer', state, clock).outcomes.flatMap((o) => o.effects).filter((e) => e.kind === 'interaction');
    expect(once).toHaveLength(1);
    expect(twice).toHaveLength(0);
  });
});

describe('mapping single AMI events', () => {
  it('caller digits become IVR steps, digits we play into the call do not', () => {
    const base = { Event: 'DTMFEnd', Uniqueid: '1.1', Linkedid: '1.1', Digit: '1' };
    expect(mapAmiEvent({ ...base, Direction: 'Received' }, 5)).toEqual([{ type: 'ivr.digit', at: 5, linkedid: '1.1', uniqueid: '1.1', digit: '1' }]);
    expect(mapAmiEvent({ ...base, Direction: 'Sent' }, 5)).toEqual([]);
  });

  it('queue membership events name the device and the pause reason', () => {
    expect(mapAmiEvent({ Event: 'QueueMemberPause', Queue: 'support', Interface: 'PJSIP/1001', StateInterface: 'PJSIP/1001', Paused: '1', PausedReason: 'lunch' }, 1)).toEqual([
      { type: 'member.paused', at: 1, queue: 'support', endpoint: 'PJSIP/1001', paused: true, reason: 'lunch' },
    ]);
    expect(mapAmiEvent({ Event: 'QueueMemberAdded', Queue: 'support', Interface: 'Local/1003@agents/n', StateInterface: 'PJSIP/1003', Paused: '0' }, 1)).toEqual([
      { type: 'member.added', at: 1, queue: 'support', endpoint: 'PJSIP/1003', paused: false, pausedReason: null },
    ]);
    expect(mapAmiEvent({ Event: 'QueueMemberRemoved', Queue: 'support', Interface: 'PJSIP/1003' }, 1)).toEqual([{ type: 'member.removed', at: 1, queue: 'support', endpoint: 'PJSIP/1003' }]);
  });

  it('an originate\'s DialBegin without a calling channel still offers the dialled leg', () => {
    expect(mapAmiEvent({ Event: 'DialBegin', DestChannel: 'PJSIP/1001-00000012', DestUniqueid: '9.21', DestLinkedid: '9.21' }, 7)).toEqual([
      { type: 'call.offered', at: 7, linkedid: '9.21', uniqueid: '9.21', channel: 'PJSIP/1001-00000012', endpoint: 'PJSIP/1001', fromUniqueid: null, queue: null },
    ]);
  });

  it('Asterisk\'s own Timestamp header wins over the arrival time', () => {
    expect(mapAmiEvent({ Event: 'Hangup', Timestamp: '1795349593.250000', Uniqueid: '1.1', Linkedid: '1.1', Cause: '16', 'Cause-txt': 'Normal Clearing' }, 1)).toEqual([
      { type: 'channel.hungup', at: 1795349593250, linkedid: '1.1', uniqueid: '1.1', cause: 16, causeText: 'Normal Clearing' },
    ]);
  });

  it('events without the headers they need, or failed transfers, map to nothing', () => {
    expect(mapAmiEvent({ Event: 'Hangup' }, 1)).toEqual([]);
    expect(mapAmiEvent({ Event: 'BlindTransfer', Result: 'Fail', TransfererUniqueid: '1.2' }, 1)).toEqual([]);
    expect(mapAmiEvent({ Event: 'DialEnd', DestUniqueid: '1.2', DialStatus: 'CANCEL' }, 1)).toEqual([]);
    expect(mapAmiEvent({ Response: 'Success' }, 1)).toEqual([]);
  });
});

describe('spy legs tagged by the adapter', () => {
  it('a ChanSpy leg originated with a spy ChannelId maps into the spied call as a spy leg', () => {
    const id = 'spy-1700000000.12-0a1b2c3d';
    const created = mapAmiEvent({ Event: 'Newchannel', Channel: 'PJSIP/1101-0000001f', ChannelState: '0', Uniqueid: id, Linkedid: id, CallerIDNum: '1101', Exten: 's' }, 1);
    expect(created).toEqual([expect.objectContaining({ type: 'channel.created', linkedid: '1700000000.12', uniqueid: id, role: 'spy' })]);
    const hungup = mapAmiEvent({ Event: 'Hangup', Channel: 'PJSIP/1101-0000001f', Uniqueid: id, Linkedid: id, Cause: '16' }, 2);
    expect(hungup).toEqual([expect.objectContaining({ type: 'channel.hungup', linkedid: '1700000000.12', uniqueid: id })]);
    // An ordinary channel is untouched.
    const plain = mapAmiEvent({ Event: 'Newchannel', Channel: 'PJSIP/1101-00000020', ChannelState: '0', Uniqueid: '1700000000.20', Linkedid: '1700000000.20' }, 3);
    expect(plain[0]).not.toHaveProperty('role');
    expect(plain[0]).toMatchObject({ linkedid: '1700000000.20' });
  });

  it("Ringside's mute mark on a channel (VarSet RINGSIDE_MUTED) mutes or unmutes its leg; other variables map to nothing", () => {
    const leg = { Event: 'VarSet', Channel: 'PJSIP/1001-00000003', Uniqueid: '1.3', Linkedid: '1.1', Variable: 'RINGSIDE_MUTED' };
    expect(mapAmiEvent({ ...leg, Value: '1' }, 7)).toEqual([{ type: 'call.muted', at: 7, linkedid: '1.1', uniqueid: '1.3', muted: true }]);
    expect(mapAmiEvent({ ...leg, Value: '' }, 8)).toEqual([{ type: 'call.muted', at: 8, linkedid: '1.1', uniqueid: '1.3', muted: false }]);
    expect(mapAmiEvent({ ...leg, Variable: 'QUEUEWAIT', Value: '1' }, 9)).toEqual([]);
  });
});

