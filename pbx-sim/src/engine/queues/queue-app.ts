import { ChannelInterrupt, type Channel } from '../channel.js';
import type { Engine } from '../engine.js';
import { channelFields, PRIV } from '../event-fields.js';
import { cancelLeg, emitDial, startDialLeg, type DialLeg } from '../dialing.js';
import { startMoh, stopMoh } from '../apps/basic-apps.js';
import type { AppFn, AppResult } from '../apps/app-types.js';
import type { QueueCaller, QueueMember, QueueState } from './queue-model.js';
import { selectMembers } from './queue-strategy.js';
import { connectQueueCall } from './queue-connect.js';

interface Attempt {
  member: QueueMember;
  leg: DialLeg;
}

/** AgentCalled / AgentRingNoAnswer: caller block, Dest block, queue and member. */
export function agentEvent(engine: Engine, name: string, caller: Channel, leg: Channel, q: QueueState, m: QueueMember, extra: [string, string][] = []): void {
  engine.emit(name, PRIV.agent, [...channelFields(caller), ...channelFields(leg, 'Dest'), ['Queue', q.name], ['Interface', m.interface], ['MemberName', m.memberName], ...extra], { channelId: caller.id, peerChannelId: leg.id });
}

function setVars(engine: Engine, ch: Channel, vars: [string, string][]): void {
  for (const [k, v] of vars) engine.setVar(ch, k, v);
}

function position(q: QueueState, entry: QueueCaller): number {
  return q.callers.indexOf(entry) + 1;
}

/** Leaves the caller list: QueueCallerLeave, and the queue device goes idle when nobody waits. */
export function leaveQueue(engine: Engine, q: QueueState, entry: QueueCaller): number {
  const pos = position(q, entry);
  if (pos === 0) return 0;
  q.callers.splice(pos - 1, 1);
  if (q.callers.length === 0) engine.devices.set(`Queue:${q.name}`, 'NOT_INUSE');
  engine.emitChannel('QueueCallerLeave', PRIV.agent, entry.ch, [['Queue', q.name], ['Position', String(pos)], ['Count', String(q.callers.length)]]);
  return pos;
}

/** Rings `members` for the caller until one answers, all fail, or the member timeout passes. */
async function ringMembers(engine: Engine, q: QueueState, entry: QueueCaller, members: QueueMember[]): Promise<Attempt | undefined> {
  const ch = entry.ch;
  const attempts: Attempt[] = members.map((m) => {
    m.ringing = true;
    const endpoint = m.interface.replace(/^PJSIP\//i, '');
    const leg = startDialLeg(engine, {
      endpoint,
      caller: ch,
      dialString: m.interface,
      appName: 'AppQueue',
      announceAt: 'ring',
      beforeDialBegin: (legCh) => {
        // The leg carries the caller as connected line before it is announced (seen in AgentCalled's Dest fields).
        legCh.connectedNum = ch.callerNum;
        legCh.connectedName = ch.callerName;
        legCh.exten = ch.exten;
        agentEvent(engine, 'AgentCalled', ch, legCh, q, m);
      },
    });
    void leg.outcome.then(() => (m.ringing = false));
    void leg.ringing.then(() => {
      if (!leg.settled) emitDial(engine, 'DialState', leg, [['DialStatus', 'RINGING']]);
    });
    return { member: m, leg };
  });
  const timeoutMs = q.config.timeout * 1000;
  let result: { winner?: Attempt; timedOut: boolean };
  try {
    result = await ch.waitFor((resolve) => {
      let pending = attempts.length;
      const t = timeoutMs > 0 ? engine.clock.setTimeout(() => resolve({ timedOut: true }), timeoutMs) : undefined;
      for (const a of attempts) {
        void a.leg.outcome.then((o) => {
          if (o === 'ANSWER') resolve({ winner: a, timedOut: false });
          else if (--pending === 0) resolve({ timedOut: false });
        });
      }
      return () => engine.clock.clearTimeout(t);
    });
  } catch (e) {
    // The caller left while phones rang: app_queue reports each cancelled leg twice.
    const ringing = attempts.filter((a) => !a.leg.settled);
    stopMoh({ engine, ch });
    for (let pass = 0; pass < 2; pass++) for (const a of ringing) emitDial(engine, 'DialEnd', a.leg, [['DialStatus', 'CANCEL']]);
    (ch as { pendingLegCancels?: Attempt[] }).pendingLegCancels = ringing;
    throw e;
  }
  if (result.winner) {
    const winner = result.winner;
    emitDial(engine, 'DialEnd', winner.leg, [['DialStatus', 'ANSWER']]);
    const losers = attempts.filter((a) => a !== winner && !a.leg.settled);
    for (const a of losers) emitDial(engine, 'DialEnd', a.leg, [['DialStatus', 'CANCEL']]);
    engine.setConnectedLine(ch, winner.leg.ch.callerNum, winner.leg.ch.callerName);
    for (const a of losers) emitDial(engine, 'DialEnd', a.leg, [['DialStatus', 'CANCEL']]);
    (winner as Attempt & { losers?: Attempt[] }).losers = losers;
    return winner;
  }
  for (const a of attempts) {
    if (a.leg.settled) {
      if (a.leg.settled !== 'CANCEL') emitDial(engine, 'DialEnd', a.leg, [['DialStatus', a.leg.settled]]);
      continue;
    }
    const ringMs = engine.clock.now() - (a.leg.ringingAt ?? engine.clock.now());
    agentEvent(engine, 'AgentRingNoAnswer', ch, a.leg.ch, q, a.member, [['RingTime', String(ringMs)]]);
    emitDial(engine, 'DialEnd', a.leg, [['DialStatus', 'NOANSWER']]);
    cancelLeg(engine, a.leg, 'NOANSWER', 0);
  }
  return undefined;
}

/** Queue(name[,options[,URL[,announce[,timeout]]]]): join, ring members per strategy, connect or give up. */
export const queueApp: AppFn = async ({ engine, ch, args }): Promise<AppResult> => {
  const q = engine.queues.get((args[0] ?? '').trim());
  if (!q) {
    engine.log('warn', `${ch.name}: Queue(${args[0] ?? ''}): no such queue`);
    return;
  }
  const options = args[1] ?? '';
  const maxWaitMs = Number(args[4] || 0) * 1000;
  setVars(engine, ch, [['ANSWEREDTIME', ''], ['ANSWEREDTIME_MS', ''], ['DIALEDTIME', ''], ['DIALEDTIME_MS', ''], ['QUEUEWAIT', ''], ['QUEUEWAIT_MS', '']]);
  if (engine.queues.isEmpty(q, q.config.joinempty, false)) {
    engine.setVar(ch, 'QUEUESTATUS', 'JOINEMPTY');
    return;
  }
  if (q.config.maxlen > 0 && q.callers.length >= q.config.maxlen) {
    engine.setVar(ch, 'QUEUESTATUS', 'FULL');
    return;
  }
  const started = engine.clock.now();
  const prio = Number.parseInt(ch.vars.get('QUEUE_PRIO') ?? '0', 10);
  const priority = Number.isFinite(prio) ? prio : 0;
  // app_queue inserts a caller before the first one with a lower priority; equal priorities keep arrival order.
  const at = q.callers.findIndex((c) => c.priority < priority);
  const index = at === -1 ? q.callers.length : at;
  const entry: QueueCaller = { ch, joinedAt: started, originalPosition: index + 1, priority };
  q.callers.splice(index, 0, entry);
  engine.devices.set(`Queue:${q.name}`, 'RINGING');
  engine.emitChannel('QueueCallerJoin', PRIV.agent, ch, [['Queue', q.name], ['Position', String(entry.originalPosition)], ['Count', String(q.callers.length)]]);
  startMoh({ engine, ch }, q.config.musicclass);
  try {
    for (;;) {
      if (maxWaitMs > 0 && engine.clock.now() - started >= maxWaitMs) return giveUp(engine, q, entry, 'TIMEOUT', started);
      if (engine.queues.isEmpty(q, q.config.leavewhenempty, true)) return giveUp(engine, q, entry, 'LEAVEEMPTY', started);
      const ahead = q.callers.slice(0, position(q, entry) - 1).some((c) => !(c as { busy?: boolean }).busy);
      const members = ahead ? [] : selectMembers(engine.queues, q);
      if (members.length === 0) {
        await waitForChange(engine, ch, maxWaitMs > 0 ? Math.max(1, started + maxWaitMs - engine.clock.now()) : 1000);
        continue;
      }
      (entry as { busy?: boolean }).busy = true;
      const winner = await ringMembers(engine, q, entry, members);
      (entry as { busy?: boolean }).busy = false;
      if (winner) return await connectQueueCall(engine, q, entry, winner.member, winner.leg, (winner as Attempt & { losers?: Attempt[] }).losers ?? [], started, options);
      await ch.sleep(q.config.retry * 1000);
    }
  } catch (e) {
    if (e instanceof ChannelInterrupt && e.kind === 'hangup' && q.callers.includes(entry)) abandon(engine, q, entry, started);
    throw e;
  }
};

function waitForChange(engine: Engine, ch: Channel, maxMs: number): Promise<void> {
  return ch.waitFor<void>((resolve) => {
    const off = engine.queues.onWake(() => resolve());
    const t = engine.clock.setTimeout(() => resolve(), Math.min(maxMs, 1000));
    return () => {
      off();
      engine.clock.clearTimeout(t);
    };
  });
}

function giveUp(engine: Engine, q: QueueState, entry: QueueCaller, status: string, started: number): AppResult {
  stopMoh({ engine, ch: entry.ch });
  leaveQueue(engine, q, entry);
  const waited = engine.clock.now() - started;
  engine.setVar(entry.ch, 'QUEUEWAIT', String(Math.floor(waited / 1000)));
  engine.setVar(entry.ch, 'QUEUEWAIT_MS', String(waited));
  engine.setVar(entry.ch, 'QUEUESTATUS', status);
  return undefined;
}

/** The caller hung up while waiting: QueueCallerAbandon, ringing legs hung up with cause 0. */
function abandon(engine: Engine, q: QueueState, entry: QueueCaller, started: number): void {
  const ch = entry.ch;
  stopMoh({ engine, ch });
  const waited = engine.clock.now() - started;
  setVars(engine, ch, [
    ['QUEUEWAIT', String(Math.floor(waited / 1000))],
    ['QUEUEWAIT_MS', String(waited)],
    ['DIALEDTIME', String(Math.floor(waited / 1000))],
    ['DIALEDTIME_MS', String(waited)],
    ['ANSWEREDTIME', '0'],
    ['ANSWEREDTIME_MS', '0'],
    ['ABANDONED', 'TRUE'],
  ]);
  setVars(engine, ch, engine.queues.queueVars(q));
  q.abandoned += 1;
  engine.emitChannel('QueueCallerAbandon', PRIV.agent, ch, [['Queue', q.name], ['Position', String(position(q, entry))], ['OriginalPosition', String(entry.originalPosition)], ['HoldTime', String(Math.floor(waited / 1000))]]);
  setVars(engine, ch, engine.queues.queueVars(q));
  for (const a of (ch as { pendingLegCancels?: Attempt[] }).pendingLegCancels ?? []) cancelLeg(engine, a.leg, 'CANCEL', 0);
  const pos = leaveQueue(engine, q, entry);
  engine.setVar(ch, 'QUEUEPOSITION', String(pos));
}
