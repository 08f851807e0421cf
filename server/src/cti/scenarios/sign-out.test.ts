import { describe, expect, it } from '@jest/globals';
import { LOGGED_OUT_PAUSE_REASON, type AgentSnapshot, type RoomDelta } from '@ringside/shared';
import type { CtiWorld } from '../testing/cti-world.js';
import { ScenarioKit, startReadyNode, useScenario, WAIT_MS } from '../testing/scenario-kit.js';
import { until } from '../testing/test-client.js';

let world: CtiWorld;
let kit: ScenarioKit;

/** Consoles closed in these tests count as gone after this long. */
const GRACE_SECONDS = 1;

useScenario({
  agent: 'agent1',
  queue: 'support',
  node: { settings: { defaultWrapUpSeconds: 30, awayLogoutSeconds: GRACE_SECONDS } },
  ready: (w, k) => {
    world = w;
    kit = k;
  },
});

/** The member as the switch itself holds it (what QueueStatus reports). */
function member(queue: string, extension: string) {
  const m = world.sim.engine.queues.get(queue)?.members.find((x) => x.interface === `PJSIP/${extension}`);
  if (!m) throw new Error(`PJSIP/${extension} is no member of ${queue}`);
  return { paused: m.paused, reason: m.pausedReason };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusOf = (agentId: string) => kit.node.module.service.state().agent(agentId)?.status.kind;
const pausesSince = (from: number) => [...kit.node.proxy.sentText().slice(from).matchAll(/^Action: QueuePause\r$/gm)].length;

describe('an agent signs out', () => {
  it('is paused "Logged out" at the switch, and the next queue call rings a colleague, not them', async () => {
    const { agent1, agent2 } = world.agentIds;
    const blair = await kit.connect('agent2');
    const alex = await kit.connect('agent1');
    expect(member('support', '1001').paused).toBe(false);

    expect(await alex.command('logOut', {})).toEqual({ ok: true });
    expect(member('support', '1001')).toEqual({ paused: true, reason: LOGGED_OUT_PAUSE_REASON });
    expect(statusOf(agent1)).toBe('logged_out');
    await alex.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'agent' && c.agent.agentId === agent1 && c.agent.status.kind === 'logged_out'), WAIT_MS);

    const sup = await kit.connect('sup');
    const callId = kit.placeCall('5001', '+14155550181');
    await kit.answeredBy(blair, callId, agent2);
    const legs = sup.all<RoomDelta>('delta').flatMap((d) => d.changes).flatMap((c) => (c.type === 'call' && c.call.callId === callId ? c.call.legs : []));
    expect(legs.some((l) => l.agentId === agent2)).toBe(true);
    expect(legs.filter((l) => l.agentId === agent1)).toEqual([]);
  });

  it('is refused while on a call: the agent stays on the call and nothing is paused', async () => {
    const agent3 = world.agentIds.agent3;
    const casey = await kit.connect('agent3');
    const callId = kit.placeCall('5002', '+14155550182');
    await kit.answeredBy(casey, callId, agent3);
    const sent = kit.node.proxy.sentText().length;

    const ack = await casey.command('logOut', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(statusOf(agent3)).toBe('on_call');
    expect(kit.node.module.service.state().call(callId)?.status).toEqual({ kind: 'connected', agent: agent3 });
    expect(member('sales', '1003').paused).toBe(false);
    expect(pausesSince(sent)).toBe(0);
  });

  it('signing in again lifts only the "Logged out" pauses, before the snapshot: the next call rings them at once', async () => {
    const agent1 = world.agentIds.agent1;
    await kit.connect('agent2');
    const alex = await kit.connect('agent1');
    try {
      expect(await alex.command('queueLogin', { queue: 'sales' })).toEqual({ ok: true });
      await until('the sales membership', () => kit.node.module.service.state().agent(agent1)?.memberships.has('sales'), WAIT_MS);
      world.sim.engine.queues.pause('sales', 'PJSIP/1001', true, 'Lunch');
      await until('the lunch pause in the CTI', () => kit.node.module.service.state().agent(agent1)?.memberships.get('sales')?.pausedReason === 'Lunch', WAIT_MS);
      expect(await alex.command('logOut', {})).toEqual({ ok: true });
      expect(member('support', '1001')).toEqual({ paused: true, reason: LOGGED_OUT_PAUSE_REASON });
      expect(member('sales', '1001')).toEqual({ paused: true, reason: 'Lunch' });
      alex.close();

      const again = await kit.connect('agent1');
      // The snapshot went out after the switch lifted the pause, not merely after asking it to.
      expect(member('support', '1001').paused).toBe(false);
      expect(member('sales', '1001')).toEqual({ paused: true, reason: 'Lunch' });
      expect((again.snapshot() as AgentSnapshot).agent.status.kind).toBe('ready');
      const callId = kit.placeCall('5001', '+14155550183');
      await kit.callIn(again, callId, (c) => c.legs.some((l) => l.agentId === agent1 && l.state === 'ringing'));
      const memberships = kit.node.module.service.state().agent(agent1)?.memberships;
      expect(memberships?.get('support')).toEqual({ paused: false, pausedReason: null });
      expect(memberships?.get('sales')).toEqual({ paused: true, pausedReason: 'Lunch' });
    } finally {
      world.sim.engine.queues.remove('sales', 'PJSIP/1001');
    }
  });
});

describe('an agent whose console is gone', () => {
  it('is signed out after the grace; a console back within the grace keeps them signed in', async () => {
    const agent3 = world.agentIds.agent3;
    (await kit.connect('agent3')).close();
    const back = await kit.connect('agent3');
    await sleep(GRACE_SECONDS * 1000 + 1500);
    // Still in the wrap-up of an earlier call, maybe; signed in either way.
    expect(statusOf(agent3)).not.toBe('logged_out');
    expect(member('sales', '1003').paused).toBe(false);

    back.close();
    const closedAt = Date.now();
    await until('the switch pausing PJSIP/1003', () => member('sales', '1003').paused, WAIT_MS);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
    expect(member('sales', '1003').reason).toBe(LOGGED_OUT_PAUSE_REASON);
    await until('the agent logged out', () => statusOf(agent3) === 'logged_out', WAIT_MS);
  });

  it('on a call when the grace ends is signed out once the call is over', async () => {
    const agent3 = world.agentIds.agent3;
    const casey = await kit.connect('agent3');
    expect(member('sales', '1003').paused).toBe(false);
    const callId = kit.placeCall('5002', '+14155550184');
    await kit.answeredBy(casey, callId, agent3);
    casey.close();
    await sleep(GRACE_SECONDS * 1000 + 1500);
    expect(statusOf(agent3)).toBe('on_call');
    expect(member('sales', '1003').paused).toBe(false);

    world.sim.engine.remoteHangup(world.sim.engine.findChannel(callId)!);
    await until('the switch pausing PJSIP/1003', () => member('sales', '1003').paused, WAIT_MS);
    expect(member('sales', '1003').reason).toBe(LOGGED_OUT_PAUSE_REASON);
    await until('the agent logged out', () => statusOf(agent3) === 'logged_out', WAIT_MS);
  });

  it('is signed out even when the switch owner stops during the grace: the next owner finishes it from the console log', async () => {
    const LONGER_GRACE_S = 3;
    const node = { settings: { defaultWrapUpSeconds: 30, awayLogoutSeconds: LONGER_GRACE_S }, consoleLog: world.agents };
    await kit.node.stop();
    await startReadyNode(kit, world, 'agent3', 'sales', node);
    const agent3 = world.agentIds.agent3;
    const casey = await kit.connect('agent3');
    expect(member('sales', '1003').paused).toBe(false);
    casey.close();
    const closedAt = Date.now();
    // The owner goes away with the grace under way; the console log outlives it.
    await until('the closing recorded', async () => (await world.agents.consoleUsers()).some((u) => u.agentId === agent3 && u.closedAt !== null), WAIT_MS);
    await kit.node.stop();

    await startReadyNode(kit, world, 'agent3', 'sales', node);
    await until('the switch pausing PJSIP/1003', () => member('sales', '1003').paused, WAIT_MS + LONGER_GRACE_S * 1000);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(LONGER_GRACE_S * 1000 - 100);
    expect(member('sales', '1003').reason).toBe(LOGGED_OUT_PAUSE_REASON);
    await until('the agent logged out', () => statusOf(agent3) === 'logged_out', WAIT_MS);

    // Back at the desk on the new owner: signed in again.
    await kit.connect('agent3');
    await until('PJSIP/1003 unpaused', () => !member('sales', '1003').paused, WAIT_MS);
    expect(statusOf(agent3)).not.toBe('logged_out');
  }, 60_000);

  it('after a take-over, an agent whose console vanished with its node is signed out after the grace; one whose console reconnects is not', async () => {
    const GRACE_S = 2;
    const node = { settings: { defaultWrapUpSeconds: 30, awayLogoutSeconds: GRACE_S }, consoleLog: world.agents };
    await kit.node.stop();
    // Both consoles were open on a node that died without recording their closing.
    await world.agents.opened(world.agentIds.agent3, Date.now());
    await world.agents.opened(world.agentIds.agent1, Date.now());
    await startReadyNode(kit, world, 'agent1', 'support', node);
    const alex = await kit.connect('agent1');
    const takenOverAt = Date.now();
    await until('the switch pausing PJSIP/1003', () => member('sales', '1003').paused, WAIT_MS + GRACE_S * 1000);
    expect(Date.now() - takenOverAt).toBeGreaterThanOrEqual(GRACE_S * 1000 - 500);
    expect(member('sales', '1003').reason).toBe(LOGGED_OUT_PAUSE_REASON);
    // Alex's console reconnected to this node: still signed in after the grace.
    await sleep(1000);
    expect(member('support', '1001').paused).toBe(false);
    expect(statusOf(world.agentIds.agent1)).not.toBe('logged_out');
    alex.close();
  }, 60_000);
});

