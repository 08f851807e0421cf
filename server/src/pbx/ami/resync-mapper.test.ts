import { afterEach, describe, expect, it } from '@jest/globals';
import { answerPhone, placeInboundCall, type PbxSim } from '@ringside/pbx-sim';
import { ctiConfig } from '../../domain/cti-config.js';
import { CtiState } from '../../domain/cti-state.js';
import { systemClock } from '../../domain/ports/clock.js';
import { AmiClient } from './ami-client.js';
import { field } from './ami-parser.js';
import { baselineOf, resyncEvents } from './resync-mapper.js';
import { simLogin, startSim } from './testing/sim.js';

describe('rebuilding live state from what pbx-sim reports after a (re)connect', () => {
  let sim: PbxSim | undefined;
  let client: AmiClient | undefined;

  afterEach(async () => {
    await client?.stop();
    await sim?.stop();
  });

  it('calls that ended while away are closed, a call in progress appears with its agent busy, and memberships match the switch', async () => {
    sim = await startSim();
    const engine = sim.engine;
    // A queue call that 1001 answered before the CTI server (re)connected.
    const caller = placeInboundCall(engine, { exten: '5001', callerNum: '+15551230001' });
    await new Promise((r) => setTimeout(r, 50));
    const agentLeg = answerPhone(engine, '1001');
    await new Promise((r) => setTimeout(r, 50));

    const state = new CtiState(
      ctiConfig({ agents: ['1001', '1002', '1003'].map((x) => ({ agentId: `agent-${x}`, name: x, endpoint: `PJSIP/${x}`, extension: x })) }),
      systemClock,
    );
    for (const x of ['1001', '1002', '1003']) state.login(`agent-${x}`);
    // What the state believed from before the outage: a call long gone, and 1003 in support.
    const t = Date.now() - 60_000;
    state.apply({ type: 'channel.created', at: t, linkedid: '1700000000.1', uniqueid: '1700000000.1', channel: 'PJSIP/2001-000000aa', callerNumber: '2001', callerName: null, exten: '5001', channelState: 'ring' });
    state.apply({ type: 'member.added', at: t, queue: 'support', endpoint: 'PJSIP/1003', paused: false, pausedReason: null });

    client = new AmiClient({
      ...simLogin(sim.amiPort),
      resync: (snapshot) => {
        for (const e of resyncEvents(snapshot, baselineOf(state.supervisorSnapshot()))) state.apply(e);
      },
    });
    client.start();
    await client.whenReady(5000);

    const calls = state.callViews();
    expect(calls.map((c) => c.callId)).toEqual([caller.id]);
    expect(calls[0]?.status).toEqual({ kind: 'connected', agent: 'agent-1001' });
    expect(calls[0]?.legs.map((l) => l.uniqueid)).toEqual(expect.arrayContaining([caller.id, agentLeg.id]));
    expect(state.agent('agent-1001')?.status.kind).toBe('on_call');
    const memberships = (id: string) => [...(state.agent(id)?.memberships.keys() ?? [])].sort();
    expect(memberships('agent-1001')).toEqual(['support']);
    expect(memberships('agent-1002')).toEqual(['support']);
    expect(memberships('agent-1003')).toEqual(['sales']);
  });

  it('a member the switch reports paused (paused while we were away) pauses the agent with the reason the switch gives', async () => {
    sim = await startSim();
    const state = new CtiState(ctiConfig({ agents: [{ agentId: 'a3', name: '1003', endpoint: 'PJSIP/1003', extension: '1003' }] }), systemClock);
    state.login('a3');
    state.apply({ type: 'member.added', at: Date.now(), queue: 'sales', endpoint: 'PJSIP/1003', paused: false, pausedReason: null });
    client = new AmiClient(simLogin(sim.amiPort));
    client.start();
    await client.whenReady(5000);
    await client.sendAction({ Action: 'QueuePause', Interface: 'PJSIP/1003', Queue: 'sales', Paused: 'true', Reason: 'training' });
    const reply = await client.sendAction({ Action: 'QueueStatus' });
    const snapshot = { at: Date.now(), channels: [], queueStatus: reply.events, queueSummary: [] };
    for (const e of resyncEvents(snapshot, baselineOf(state.supervisorSnapshot()))) state.apply(e);
    expect(state.agent('a3')?.status).toMatchObject({ kind: 'paused', reason: 'training' });
    expect(reply.events.some((e) => e.Event === 'QueueMember' && field(e, 'PausedReason') === 'training')).toBe(true);
  });
});
