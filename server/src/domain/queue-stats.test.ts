import { describe, expect, it } from '@jest/globals';
import { ctiConfig } from './cti-config.js';
import { CtiState } from './cti-state.js';
import type { DomainEvent } from './events.js';
import { ManualClock } from './ports/clock.js';
import { QueueStatsBook } from './queue-stats.js';
import { play, script as s } from './testing/call-script.js';

const AGENT = '44444444-4444-4444-8444-444444444444';
const utc = (h: number, m: number, sec = 0, day = 2) => Date.UTC(2026, 2, day, h, m, sec);

function centre(utcOffsetMinutes = 0, retainDays = 7) {
  const clock = new ManualClock(utc(0, 0, 0, 1));
  const state = new CtiState(
    ctiConfig({
      agents: [{ agentId: AGENT, name: 'Agent 1001', endpoint: 'PJSIP/1001', extension: '1001' }],
      queues: [{ name: 'support', serviceLevelSeconds: 20, wrapUpSeconds: 15 }],
      utcOffsetMinutes,
      retainDays,
    }),
    clock,
  );
  state.login(AGENT);
  play(state, clock, [{ type: 'member.added', at: clock.now(), queue: 'support', endpoint: 'PJSIP/1001', paused: false, pausedReason: null }]);
  return { state, clock, run: (events: DomainEvent[]) => play(state, clock, events) };
}

let n = 0;
/** A support call joining at `joinAt`, answered after `waitS` seconds by the agent, talking `talkS` seconds. */
function answered(joinAt: number, waitS: number, talkS: number, hold?: { fromS: number; forS: number }): DomainEvent[] {
  const id = `${1800000000 + ++n}.1`;
  const agentLeg = id.replace(/\.1$/, '.2');
  const answerAt = joinAt + waitS * 1000;
  const endAt = answerAt + talkS * 1000;
  const events: DomainEvent[] = [
    s.caller(id, '+14155550100', joinAt),
    s.joinQueue(id, 'support', joinAt),
    ...s.ring(id, agentLeg, 'PJSIP/1001', joinAt, 'support'),
    ...s.answer(id, agentLeg, answerAt, 'support'),
    s.leaveQueue(id, 'support', answerAt),
  ];
  if (hold) {
    events.push(s.hold(id, agentLeg, answerAt + hold.fromS * 1000), s.unhold(id, agentLeg, answerAt + (hold.fromS + hold.forS) * 1000));
  }
  events.push(s.hangup(id, id, endAt), s.hangup(id, agentLeg, endAt));
  return events;
}

/** A support call whose caller hangs up after `waitS` seconds in the queue. */
function abandonedCall(joinAt: number, waitS: number): DomainEvent[] {
  const id = `${1800000000 + ++n}.1`;
  const at = joinAt + waitS * 1000;
  return [s.caller(id, '+14155550100', joinAt), s.joinQueue(id, 'support', joinAt), s.abandon(id, 'support', at, waitS), s.leaveQueue(id, 'support', at), s.hangup(id, id, at, 0)];
}

describe('queue statistics', () => {
  it('service level, ASA and abandon rate follow their definitions', () => {
    const { state, clock, run } = centre();
    run(answered(utc(9, 0), 10, 30)); // within the 20 s threshold
    clock.set(utc(9, 2));
    state.tick();
    run(answered(utc(9, 3), 40, 30)); // answered late
    clock.set(utc(9, 5));
    state.tick();
    run(abandonedCall(utc(9, 6), 5)); // short abandon: not held against the service level
    run(abandonedCall(utc(9, 7), 45)); // abandoned after the threshold
    const today = state.queueViewOf('support', utc(9, 10)).today;
    expect(today).toMatchObject({
      period: '2026-03-02',
      offered: 4,
      answered: 2,
      abandoned: 2,
      answeredWithinSl: 1,
      abandonedAfterSl: 1,
      asaSeconds: 25,
      abandonRate: 0.5,
    });
    // 1 answered within threshold / (2 answered + 1 abandoned after threshold)
    expect(today.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(today.longestWaitAnsweredSeconds).toBe(40);
  });

  it('AHT is talk plus hold plus wrap-up per handled call, counted when wrap-up ends', () => {
    const { state, clock, run } = centre();
    run(answered(utc(10, 0), 5, 70, { fromS: 20, forS: 10 }));
    expect(state.agent(AGENT)?.status.kind).toBe('wrap_up');
    expect(state.queueViewOf('support', utc(10, 1)).today.ahtSeconds).toBeNull();
    clock.set(utc(10, 0, 5 + 70 + 15));
    state.tick();
    const today = state.queueViewOf('support').today;
    expect(today).toMatchObject({ handled: 1, totalTalkSeconds: 60, totalHoldSeconds: 10, totalWrapUpSeconds: 15, ahtSeconds: 85 });
  });

  it('a call is counted in the 15-minute interval in which it was offered, even when answered in the next', () => {
    const { state, clock, run } = centre();
    run(answered(utc(9, 14, 50), 15, 20));
    clock.set(utc(9, 16));
    state.tick();
    run(abandonedCall(utc(9, 15, 10), 40));
    const first = state.queueViewOf('support', utc(9, 14)).interval;
    const second = state.queueViewOf('support', utc(9, 20)).interval;
    expect(first).toMatchObject({ period: '2026-03-02T09:00', offered: 1, answered: 1, answeredWithinSl: 1, abandoned: 0, serviceLevel: 1 });
    expect(second).toMatchObject({ period: '2026-03-02T09:15', offered: 1, answered: 0, abandoned: 1, abandonedAfterSl: 1, serviceLevel: 0 });
    expect(state.stats.intervalsOfDay('support', utc(12, 0)).map((i) => i.period)).toEqual(['2026-03-02T09:00', '2026-03-02T09:15']);
    expect(state.queueViewOf('support', utc(9, 20)).today).toMatchObject({ offered: 2, answered: 1, abandoned: 1, serviceLevel: 0.5 });
  });

  it('days and intervals are cut at local midnight of the configured offset', () => {
    // UTC+1: 22:59:30 UTC is 23:59:30 local on the 2nd, 23:00:30 UTC is 00:00:30 local on the 3rd.
    const { state, run } = centre(60);
    run(abandonedCall(utc(22, 59, 30), 10));
    run(abandonedCall(utc(23, 0, 30), 10));
    expect(state.queueViewOf('support', utc(22, 59, 59)).today).toMatchObject({ period: '2026-03-02', offered: 1 });
    expect(state.queueViewOf('support', utc(23, 30)).today).toMatchObject({ period: '2026-03-03', offered: 1 });
    expect(state.queueViewOf('support', utc(23, 10)).interval).toMatchObject({ period: '2026-03-03T00:00', offered: 1 });
    // The same two calls fall on one day in UTC.
    const inUtc = centre(0);
    inUtc.run(abandonedCall(utc(22, 59, 30), 10));
    inUtc.run(abandonedCall(utc(23, 0, 30), 10));
    expect(inUtc.state.queueViewOf('support', utc(23, 30)).today).toMatchObject({ period: '2026-03-02', offered: 2 });
  });

  it('keeps only the configured number of days', () => {
    const book = new QueueStatsBook({ utcOffsetMinutes: 0, retainDays: 2 });
    book.joined('support', 'a', utc(9, 0, 0, 1));
    book.joined('support', 'b', utc(9, 0, 0, 2));
    book.joined('support', 'c', utc(9, 0, 0, 3));
    expect(book.daysHeld('support')).toEqual(['2026-03-02', '2026-03-03']);
    expect(book.day('support', utc(9, 0, 0, 1)).offered).toBe(0);
    // A late answer for a call offered on a dropped day is not counted and does not revive the day.
    book.answered('support', utc(9, 0, 0, 1), 5_000, 20);
    expect(book.daysHeld('support')).toEqual(['2026-03-02', '2026-03-03']);
  });

  it('shows how many callers wait and since when the longest has waited', () => {
    const book = new QueueStatsBook({ utcOffsetMinutes: 0, retainDays: 2 });
    book.joined('support', 'a', 1_000);
    book.joined('support', 'b', 2_000);
    expect(book.live('support')).toEqual({ waiting: 2, longestWaitSince: 1_000 });
    book.left('support', 'a');
    expect(book.live('support')).toEqual({ waiting: 1, longestWaitSince: 2_000 });
    book.left('support', 'b');
    expect(book.live('support')).toEqual({ waiting: 0, longestWaitSince: null });
  });
});
