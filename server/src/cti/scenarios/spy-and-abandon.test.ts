import { describe, expect, it } from '@jest/globals';
import { answerPhone } from '@ringside/pbx-sim';
import { SESSION_COOKIE, type QueueView, type RoomDelta, type SupervisorSnapshot } from '@ringside/shared';
import { UserRepository } from '../../auth/user-repository.js';
import { createUserWithPassword } from '../../auth/auth-service.js';
import type { CtiWorld } from '../testing/cti-world.js';
import { ScenarioKit, useScenario, WAIT_MS } from '../testing/scenario-kit.js';
import { until } from '../testing/test-client.js';

let world: CtiWorld;
let kit: ScenarioKit;
/** A supervisor with a phone (PJSIP/1101) bound to their user: that is how supervisors listen in. */
let supCookie: string;
let supAgentId: string;

useScenario({
  agent: 'agent2',
  queue: 'support',
  prepare: async (w) => {
    const users = new UserRepository(w.database);
    await createUserWithPassword({ users, agents: w.agents }, { username: 'sup-phone', displayName: 'Pat Supervisor', role: 'supervisor', password: 'test-password', agent: { endpoint: 'PJSIP/1101', extension: '1101' } });
    const { token } = await w.auth.login({ username: 'sup-phone', password: 'test-password' }, '127.0.0.1');
    supCookie = `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
    supAgentId = (await w.agents.list()).find((a) => a.endpoint === 'PJSIP/1101')?.id as string;
    // The WebRTC phone of the demo is not registered at boot.
    w.sim.engine.endpoints.register('1101');
  },
  ready: (w, k) => {
    world = w;
    kit = k;
  },
});

describe('supervisor listen, whisper, barge', () => {
  it('a supervisor listens in from their phone: the spy leg shows in the agent’s call, never as an agent leg, and writes no interaction', async () => {
    const casey = await kit.connect('agent3');
    const sup = await kit.connect('sup-phone', supCookie);
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550171');
    await kit.answeredBy(casey, callId, agentId);

    const ack = sup.command('supervisorListen', { agentId }, WAIT_MS);
    await until('the supervisor’s phone ringing', () => world.sim.engine.legs.size > 0 && [...world.sim.engine.legs.values()].some((l) => l.options.endpoint === '1101' && !l.settled), WAIT_MS);
    answerPhone(world.sim.engine, '1101');
    expect(await ack).toEqual({ ok: true });
    expect(kit.node.proxy.sentText()).toMatch(/Application: ChanSpy\r\nChannelId: spy-\d+\.\d+-[0-9a-f]{8}\r\nData: PJSIP\/1003,qE\r\n/);

    const withSpy = await kit.callIn(sup, callId, (c) => c.legs.some((l) => l.role === 'spy' && l.state === 'up'));
    const spyLeg = withSpy.legs.find((l) => l.role === 'spy');
    expect(spyLeg).toMatchObject({ endpoint: 'PJSIP/1101', agentId: null });
    expect(withSpy.status).toEqual({ kind: 'connected', agent: agentId });
    const state = kit.node.module.service.state();
    expect(state.callViews().map((c) => c.callId)).toEqual([callId]);
    expect(['logged_out', 'ready']).toContain(state.agent(supAgentId)?.status.kind);
    // The agent's own view of the call does not count the listener as a party they talk to.
    expect(state.agent(agentId)?.status.kind).toBe('on_call');

    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await kit.removed(sup, callId);
    const rows = await kit.rowsWhen(callId, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.agentId).toBe(agentId);
    expect(kit.channelOf('1101')).toBeUndefined();
  });

  it('whisper and barge ring the supervisor with ChanSpy’s w and B options', async () => {
    const casey = await kit.connect('agent3');
    const sup = await kit.connect('sup-phone', supCookie);
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550172');
    await kit.answeredBy(casey, callId, agentId);
    for (const [command, options] of [['supervisorWhisper', 'qEw'], ['supervisorBarge', 'qEB']] as const) {
      const ack = sup.command(command, { agentId }, WAIT_MS);
      await until('the supervisor’s phone ringing', () => [...world.sim.engine.legs.values()].some((l) => l.options.endpoint === '1101' && !l.settled), WAIT_MS);
      answerPhone(world.sim.engine, '1101');
      expect(await ack).toEqual({ ok: true });
      expect(kit.node.proxy.sentText()).toContain(`Data: PJSIP/1003,${options}\r\n`);
      await kit.callIn(sup, callId, (c) => c.legs.some((l) => l.role === 'spy' && l.state === 'up'));
      world.sim.engine.remoteHangup(kit.channelOf('1101')!);
      await kit.callIn(sup, callId, (c) => c.legs.filter((l) => l.role === 'spy').every((l) => l.state === 'ended'));
    }
    expect(kit.node.module.service.state().agent(agentId)?.status.kind).toBe('on_call');
  });
});

describe('abandoned calls', () => {
  it('a queued caller who hangs up counts as abandoned, and the call is written once with no agent', async () => {
    const sup = await kit.connect('sup');
    const alex = await kit.connect('agent1');
    const before = (sup.snapshot() as SupervisorSnapshot).queues.find((q) => q.name === 'support')?.today.abandoned ?? 0;
    const callId = kit.placeCall('5001', '+14155550173');
    await kit.callIn(alex, callId, (c) => c.status.kind === 'ringing');
    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await kit.removed(sup, callId);
    await sup.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'queue' && c.queue.name === 'support' && (c.queue as QueueView).today.abandoned === before + 1), WAIT_MS);
    const rows = await kit.rowsWhen(callId, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ abandoned: true, agentId: null, queue: 'support', direction: 'inbound', answeredAt: null });
    expect(await kit.rowsOf(callId)).toHaveLength(1);
  });
});
