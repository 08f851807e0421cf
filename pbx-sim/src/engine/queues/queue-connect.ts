import { ChannelInterrupt, type Channel } from '../channel.js';
import type { Engine } from '../engine.js';
import { channelFields, PRIV } from '../event-fields.js';
import { cancelLeg, type DialLeg } from '../dialing.js';
import { stopMoh } from '../apps/basic-apps.js';
import { announceStaleLocation } from '../apps/dial-app.js';
import type { AppResult } from '../apps/app-types.js';
import type { QueueCaller, QueueMember, QueueState } from './queue-model.js';
import { leaveQueue } from './queue-app.js';

const secs = (ms: number) => String(Math.floor(ms / 1000));

function memberVars(m: QueueMember): [string, string][] {
  return [
    ['MEMBERINTERFACE', m.interface],
    ['MEMBERNAME', m.memberName],
    ['MEMBERCALLS', String(m.callsTaken)],
    ['MEMBERLASTCALL', String(m.lastCall)],
    ['MEMBERPENALTY', String(m.penalty)],
    ['MEMBERDYNAMIC', m.membership === 'dynamic' ? '1' : '0'],
    ['MEMBERREALTIME', '0'],
  ];
}

/**
 * The member answered: the variables app_queue sets on both legs, QueueCallerLeave, AgentConnect,
 * the bridge, and then whatever ends the call (caller, agent, transfer or redirect).
 */
export async function connectQueueCall(
  engine: Engine,
  q: QueueState,
  entry: QueueCaller,
  member: QueueMember,
  leg: DialLeg,
  losers: { leg: DialLeg }[],
  started: number,
  options: string,
): Promise<AppResult> {
  const ch = entry.ch;
  const agent = leg.ch;
  const set = (c: Channel, vars: [string, string][]) => vars.forEach(([k, v]) => engine.setVar(c, k, v));
  stopMoh({ engine, ch });
  const connectedAt = engine.clock.now();
  const holdMs = connectedAt - started;
  set(ch, memberVars(member));
  set(agent, memberVars(member));
  const qe: [string, string][] = [['QEHOLDTIME', secs(holdMs)], ['QEORIGINALPOS', String(entry.originalPosition)]];
  set(ch, qe);
  set(agent, qe);
  engine.queues.recordHold(q, Math.floor(holdMs / 1000));
  set(ch, engine.queues.queueVars(q));
  set(agent, engine.queues.queueVars(q));
  for (const l of losers) cancelLeg(engine, l.leg, 'CANCEL', 26);
  const pos = leaveQueue(engine, q, entry);
  set(ch, [['QUEUEPOSITION', String(pos)], ['QUEUEWAIT', secs(holdMs)], ['QUEUEWAIT_MS', String(holdMs)]]);
  member.inCall = true;
  const ringMs = connectedAt - (leg.ringingAt ?? connectedAt);
  const agentFields = (withDest: boolean) => [...channelFields(ch), ...(withDest ? channelFields(agent, 'Dest') : []), ['Queue', q.name], ['Interface', member.interface], ['MemberName', member.memberName]] as [string, string][];
  engine.emit('AgentConnect', PRIV.agent, [...agentFields(true), ['HoldTime', secs(holdMs)], ['RingTime', secs(ringMs)]], { channelId: ch.id, peerChannelId: agent.id });
  const bridge = engine.bridges.create();
  engine.bridges.enter(bridge, agent);
  engine.bridges.enter(bridge, ch);
  const complete = (reason: string, withDest = true) => {
    const talk = engine.clock.now() - connectedAt;
    engine.emit('AgentComplete', PRIV.agent, [...agentFields(withDest), ['HoldTime', secs(holdMs)], ['TalkTime', secs(talk)], ['Reason', reason]], { channelId: ch.id, peerChannelId: agent.id });
  };
  const finishMember = () => {
    const now = engine.clock.now();
    member.inCall = false;
    member.callsTaken += 1;
    member.lastCall = Math.floor(now / 1000);
    member.lastEndMs = now;
    engine.queues.recordTalk(q, Math.floor((now - connectedAt) / 1000));
  };
  const endVars = () => {
    const now = engine.clock.now();
    set(ch, engine.queues.queueVars(q));
    set(ch, [['ANSWEREDTIME', secs(now - connectedAt)], ['ANSWEREDTIME_MS', String(now - connectedAt)], ['DIALEDTIME', secs(now - started)], ['DIALEDTIME_MS', String(now - started)]]);
    set(ch, engine.queues.queueVars(q));
  };
  const movedVars = () => {
    const now = engine.clock.now();
    set(ch, [['DIALEDTIME', secs(now - started)], ['DIALEDTIME_MS', String(now - started)], ['ANSWEREDTIME', '0'], ['ANSWEREDTIME_MS', '0']]);
    set(ch, engine.queues.queueVars(q));
  };
  let handedOver = false;
  // An attended transfer replaces the agent with the transfer target: the queue call is complete.
  ch.onTransferred = () => {
    ch.onTransferred = undefined;
    handedOver = true;
    complete('transfer');
    finishMember();
  };
  try {
    await engine.bridges.waitForPeerLeft(ch);
    if (!handedOver) {
      complete('agent');
      finishMember();
    }
    engine.bridges.leave(ch);
    endVars();
    return options.includes('c') ? undefined : 'hangup';
  } catch (e) {
    if (!(e instanceof ChannelInterrupt)) throw e;
    ch.onTransferred = undefined;
    if (e.kind === 'goto') {
      const transferred = ch.transferPending !== undefined;
      ch.transferPending = undefined;
      if (transferred) complete('transfer');
      finishMember();
      engine.bridges.leave(ch, () => announceStaleLocation(engine, ch, e));
      movedVars();
      // After a Redirect app_queue still owes AgentComplete; it reports it when the caller hangs up.
      if (!transferred) ch.onHangupRequest = () => complete('caller', false);
      throw e;
    }
    if (!handedOver) {
      complete('caller');
      finishMember();
    }
    engine.bridges.leave(ch);
    endVars();
    throw e;
  }
}
