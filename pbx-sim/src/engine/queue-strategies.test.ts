import { describe, expect, it } from '@jest/globals';
import { configWith, makeWorld } from './test-support.js';
import { placeInboundCall, answerPhone } from './calls.js';

/** A queue file with one queue `q` of strategy `strategy` and three agents. */
function queueConfig(strategy: string, extra = '', penalties: [number, number, number] = [0, 0, 0]): string {
  return `[q]
strategy = ${strategy}
timeout = 5
retry = 1
ringinuse = no
${extra}
member => PJSIP/1001,${penalties[0]},Agent 1001,PJSIP/1001
member => PJSIP/1002,${penalties[1]},Agent 1002,PJSIP/1002
member => PJSIP/1003,${penalties[2]},Agent 1003,PJSIP/1003
`;
}

const DIALPLAN = `[from-customers]
exten => 7000,1,Answer()
 same => n,Queue(q)
 same => n,Hangup()
[agents]
`;

function world(strategy: string, extra = '', penalties?: [number, number, number]) {
  return makeWorld(configWith({ 'queues.conf': queueConfig(strategy, extra, penalties), 'extensions.conf': DIALPLAN }));
}

/** Interfaces rung (AgentCalled) in order. */
function rung(w: ReturnType<typeof makeWorld>): string[] {
  return w.named('AgentCalled').map((e) => w.field(e, 'Interface')!);
}

async function answeredCall(w: ReturnType<typeof makeWorld>, agent: string, talkMs = 1000): Promise<void> {
  placeInboundCall(w.engine, { exten: '7000', behaviour: { talkMs } });
  await w.clock.advance(100);
  answerPhone(w.engine, agent);
  await w.clock.advance(talkMs + 100);
}

describe('queue strategies ring the members app_queue would ring', () => {
  it('ringall rings every available member at once and the first to answer wins; the others stop with cause 26', async () => {
    const w = world('ringall');
    placeInboundCall(w.engine, { exten: '7000', behaviour: { talkMs: 1000 } });
    await w.clock.advance(100);
    expect(rung(w).sort()).toEqual(['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003']);
    answerPhone(w.engine, '1002');
    await w.clock.advance(10);
    expect(w.named('AgentConnect').map((e) => w.field(e, 'Interface'))).toEqual(['PJSIP/1002']);
    expect(w.named('Hangup', 'Cause', '26').length).toBe(2);
  });

  it('ringall with penalties rings only the lowest penalty tier while it has someone available', async () => {
    const w = world('ringall', '', [1, 0, 0]);
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w).sort()).toEqual(['PJSIP/1002', 'PJSIP/1003']);
  });

  it('a higher-penalty member is rung once the lower tier is paused', async () => {
    const w = world('ringall', '', [1, 0, 0]);
    w.engine.queues.pause('q', 'PJSIP/1002', true, 'break');
    w.engine.queues.pause('q', 'PJSIP/1003', true, 'break');
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w)).toEqual(['PJSIP/1001']);
  });

  it('rrmemory moves on to the next member after the one that took the last call', async () => {
    const w = world('rrmemory');
    await answeredCall(w, '1001');
    await answeredCall(w, '1002');
    await answeredCall(w, '1003');
    expect(rung(w)).toEqual(['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003']);
  });

  it('leastrecent rings the member whose last call ended longest ago', async () => {
    const w = world('leastrecent');
    const q = w.engine.queues.get('q')!;
    q.members[0]!.lastCall = 300;
    q.members[1]!.lastCall = 100;
    q.members[2]!.lastCall = 200;
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w)).toEqual(['PJSIP/1002']);
  });

  it('fewestcalls rings the member who has taken the fewest calls', async () => {
    const w = world('fewestcalls');
    const q = w.engine.queues.get('q')!;
    q.members[0]!.callsTaken = 5;
    q.members[1]!.callsTaken = 3;
    q.members[2]!.callsTaken = 1;
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w)).toEqual(['PJSIP/1003']);
  });

  it('random rings exactly one available member', async () => {
    const w = world('random');
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w)).toHaveLength(1);
  });

  it('an unanswered member is given up after the ring timeout (AgentRingNoAnswer) and the next is tried after retry', async () => {
    const w = world('linear');
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w)).toEqual(['PJSIP/1001']);
    await w.clock.advance(5000);
    expect(w.named('AgentRingNoAnswer').map((e) => w.field(e, 'Interface'))).toEqual(['PJSIP/1001']);
    expect(w.named('DialEnd', 'DialStatus', 'NOANSWER')).toHaveLength(1);
    await w.clock.advance(1100);
    expect(rung(w)).toEqual(['PJSIP/1001', 'PJSIP/1001']);
  });

  it('paused members are never rung and QueueMemberPause reports the reason', async () => {
    const w = world('ringall');
    w.engine.queues.pause(undefined, 'PJSIP/1001', true, 'lunch');
    expect(w.field(w.named('QueueMemberPause')[0]!, 'PausedReason')).toBe('lunch');
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w).sort()).toEqual(['PJSIP/1002', 'PJSIP/1003']);
  });

  it('after a call the member rests for the wrap-up time before the queue rings it again', async () => {
    const w = world('linear', 'wrapuptime = 30');
    await answeredCall(w, '1001', 1000);
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(rung(w)).toEqual(['PJSIP/1001', 'PJSIP/1002']);
  });

  it('joinempty=paused turns callers away when everyone is paused (QUEUESTATUS=JOINEMPTY)', async () => {
    const w = world('ringall', 'joinempty = paused');
    for (const m of ['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003']) w.engine.queues.pause('q', m, true, '');
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    expect(w.named('QueueCallerJoin')).toHaveLength(0);
    expect(w.named('VarSet', 'Variable', 'QUEUESTATUS').map((e) => w.field(e, 'Value'))).toEqual(['JOINEMPTY']);
  });

  it('leavewhenempty=unavailable removes a waiting caller when every agent phone unregisters', async () => {
    const w = world('ringall', 'leavewhenempty = unavailable\njoinempty = yes');
    for (const m of ['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003']) w.engine.queues.pause('q', m, true, '');
    placeInboundCall(w.engine, { exten: '7000' });
    await w.clock.advance(100);
    for (const ep of ['1001', '1002', '1003']) w.engine.endpoints.unregister(ep);
    await w.clock.advance(1500);
    expect(w.named('QueueCallerLeave')).toHaveLength(1);
    expect(w.named('VarSet', 'Variable', 'QUEUESTATUS').map((e) => w.field(e, 'Value'))).toEqual(['LEAVEEMPTY']);
  });
});

describe('caller priority (QUEUE_PRIO)', () => {
  it('a caller with a higher QUEUE_PRIO joins ahead of waiting callers and is served first', async () => {
    const w = makeWorld(
      configWith({
        'queues.conf': `[q]\nstrategy = ringall\ntimeout = 30\nretry = 1\nringinuse = no\nmember => PJSIP/1001,0,Agent 1001,PJSIP/1001\n`,
        'extensions.conf': `[from-customers]\nexten => 7000,1,Answer()\n same => n,Queue(q)\n same => n,Hangup()\nexten => 7010,1,Answer()\n same => n,Set(QUEUE_PRIO=10)\n same => n,Queue(q)\n same => n,Hangup()\n[agents]\n`,
      }),
    );
    const first = placeInboundCall(w.engine, { exten: '7000', behaviour: { talkMs: 1000 } });
    await w.clock.advance(100);
    const plain = placeInboundCall(w.engine, { exten: '7000', behaviour: { talkMs: 1000 } });
    await w.clock.advance(100);
    const vip = placeInboundCall(w.engine, { exten: '7010', behaviour: { talkMs: 1000 } });
    await w.clock.advance(100);
    const joins = w.named('QueueCallerJoin').map((e) => [w.field(e, 'Uniqueid'), w.field(e, 'Position')]);
    // As app_queue's join_queue: inserted before the first caller of lower priority, even one already ringing an agent.
    expect(joins).toEqual([
      [first.id, '1'],
      [plain.id, '2'],
      [vip.id, '1'],
    ]);
    answerPhone(w.engine, '1001');
    await w.clock.advance(1200);
    // 1001 is free again: the next call it is offered is the VIP's, although the other caller came first.
    const offered = w.named('AgentCalled').map((e) => w.field(e, 'Uniqueid'));
    expect(offered.filter((id) => id !== first.id)[0]).toBe(vip.id);
  });
});
