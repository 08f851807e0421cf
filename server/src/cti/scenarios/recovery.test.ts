import { describe, expect, it } from '@jest/globals';
import type { AgentSnapshot } from '@ringside/shared';
import type { CtiWorld } from '../testing/cti-world.js';
import { agentLegMuted, ScenarioKit, useScenario, WAIT_MS, startReadyNode } from '../testing/scenario-kit.js';
import { until } from '../testing/test-client.js';

let world: CtiWorld;
let kit: ScenarioKit;

const startNode = () => startReadyNode(kit, world);

useScenario({
  ready: (w, k) => {
    world = w;
    kit = k;
  },
});

describe('the switch connection drops mid-call', () => {
  it('the client reconnects and resyncs, the call stays connected, and its end is written exactly once', async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550181');
    await kit.answeredBy(casey, callId, agentId);
    let resyncs = 0;
    kit.node.ami.on('resynced', () => (resyncs += 1));
    const states: string[] = [];
    kit.node.ami.on('state', (s) => states.push(typeof s === 'string' ? s : JSON.stringify(s)));

    expect(world.sim.dropAmiConnections()).toBeGreaterThanOrEqual(1);
    await until('a resync after the reconnect', () => resyncs >= 1, WAIT_MS);
    expect(states.length).toBeGreaterThanOrEqual(2);
    const view = kit.node.module.service.state().callViews().find((c) => c.callId === callId);
    expect(view?.status).toEqual({ kind: 'connected', agent: agentId });
    const fresh = (await casey.command('resync', {})) as { ok: true; data: AgentSnapshot };
    expect(fresh.data.calls.find((c) => c.callId === callId)?.status).toEqual({ kind: 'connected', agent: agentId });

    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await kit.removed(casey, callId);
    const rows = await kit.rowsWhen(callId, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agentId, abandoned: false });
  });
});

describe('the CTI server restarts mid-call', () => {
  it('a fresh server on the same database recovers the live call from the switch and completes its open record once, with the answer time from the switch', async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550182');
    await kit.answeredBy(casey, callId, agentId);
    const answeredBefore = kit.node.module.service.state().call(callId)?.answeredAt as number;
    await new Promise((r) => setTimeout(r, 1100));
    casey.close();
    kit.open.splice(0);
    const stoppedAt = Date.now();
    await kit.node.stop();
    // Written at the answer, open while the call runs.
    expect((await kit.rowsOf(callId, kit.node)).map((r) => [r.status, r.closedBy])).toEqual([['open', null]]);

    await startNode();
    const recovered = await until('the call recovered from the switch', () => kit.node.module.service.state().callViews().find((c) => c.callId === callId && c.status.kind === 'connected'), WAIT_MS);
    expect(recovered.status).toEqual({ kind: 'connected', agent: agentId });
    expect(recovered.callerE164).toBe('+14155550182');
    const again = await kit.connect('agent3');
    expect((again.snapshot() as AgentSnapshot).calls.map((c) => c.callId)).toContain(callId);

    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await kit.removed(again, callId);
    const rows = await kit.rowsWhen(callId, 1);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect([row.status, row.closedBy]).toEqual(['completed', 'call']);
    expect(row.agentId).toBe(agentId);
    // The switch still runs Queue(sales,...) on the caller's channel: the record keeps its queue.
    expect(row.queue).toBe('sales');
    const answeredAt = row.answeredAt?.getTime() as number;
    // The switch counts whole seconds since the leg was created (it rang before it was answered).
    expect(answeredAt).toBeLessThanOrEqual(answeredBefore + 1000);
    expect(answeredAt).toBeLessThan(stoppedAt);
    expect(row.talkSeconds).toBeGreaterThanOrEqual(1);
  });

  it("the calls an agent handled today are still counted after the restart: the new server reads them from the log", async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const before = (casey.snapshot() as AgentSnapshot).agent.handledToday ?? 0;
    const callId = kit.placeCall('5002', '+14155550183');
    await kit.answeredBy(casey, callId, agentId);
    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await kit.removed(casey, callId);
    expect(await kit.rowsWhen(callId, 1)).toHaveLength(1);
    const live = (await casey.command('resync', {})) as { ok: true; data: AgentSnapshot };
    expect(live.data.agent.handledToday).toBe(before + 1);
    casey.close();
    kit.open.splice(0);
    await kit.node.stop();

    await startNode();
    const again = await kit.connect('agent3');
    expect((again.snapshot() as AgentSnapshot).agent.handledToday).toBe(before + 1);
  });

  it('a muted agent is still shown muted after the restart, as the switch still mutes them; unmuting then works', async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550184');
    await kit.answeredBy(casey, callId, agentId);
    expect(await casey.command('mute', { callId })).toEqual({ ok: true });
    const agentLeg = () => world.sim.engine.listChannels().find((c) => c.linkedid === callId && c.endpoint === '1003');
    expect(agentLeg()?.muted.in).toBe(true);
    casey.close();
    kit.open.splice(0);
    await kit.node.stop();

    await startNode();
    await until('the recovered call shows the mute', () => agentLegMuted(kit.node.module.service.state().callViews().find((c) => c.callId === callId), agentId) === true, WAIT_MS);
    const again = await kit.connect('agent3');
    expect(agentLegMuted((again.snapshot() as AgentSnapshot).calls.find((c) => c.callId === callId), agentId)).toBe(true);

    expect(await again.command('unmute', { callId })).toEqual({ ok: true });
    expect(agentLeg()?.muted.in).toBe(false);
    await kit.callIn(again, callId, (c) => agentLegMuted(c, agentId) === false);
    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await kit.removed(again, callId);
  });
});
