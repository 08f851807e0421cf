import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { answerPhone, placeInboundCall } from '@ringside/pbx-sim';
import { LOGGED_OUT_PAUSE_REASON, type AgentSnapshot, type ErrorBody, type RoomDelta, type ScreenPop } from '@ringside/shared';
import type { CtiSettings } from '../cti/cti-settings.js';
import { createCtiWorld, startCtiNode, type CtiNode, type CtiWorld } from '../cti/testing/cti-world.js';
import { TestClient, until } from '../cti/testing/test-client.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let world: CtiWorld;
const nodes: CtiNode[] = [];
const clients: TestClient[] = [];

/** Which nodes run their owner-only connections (the ARI Stasis router in production) right now. */
const ownerSide = new Set<string>();

async function node(prefix: string, nodeId: string, settings?: Partial<CtiSettings>): Promise<CtiNode> {
  const ownerHooks = { onOwner: () => void ownerSide.add(nodeId), onStepDown: () => void ownerSide.delete(nodeId) };
  const n = await startCtiNode(world, { redisUrl: REDIS_URL, redisPrefix: prefix, nodeId, leaseTtlMs: 900, ownerHooks, ...(settings ? { settings } : {}) });
  nodes.push(n);
  return n;
}

async function connect(n: CtiNode, who: keyof CtiWorld['cookies']): Promise<TestClient> {
  const c = await TestClient.connect(n.url, world.cookies[who], 8000);
  clients.push(c);
  return c;
}

function popOf(client: TestClient, callId: string): Promise<ScreenPop> {
  return until(`the pop of ${callId}`, () =>
    [...client.all<ScreenPop>('screenPop'), ...client.all<ScreenPop>('screenPopRecord')].find((p) => p.callId === callId && p.match.kind !== 'pending'),
  );
}

beforeAll(async () => {
  world = await createCtiWorld();
}, 60_000);

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const n of nodes.splice(0).reverse()) await n.stop();
  for (const ch of world.sim.engine.listChannels()) world.sim.engine.remoteHangup(ch);
}, 30_000);

afterAll(async () => {
  await world?.close();
}, 30_000);

describe('several server nodes behind one switch', () => {
  it('only one node holds the switch; a pop it produces reaches an agent connected to the other node, whose commands are forwarded; when the owner stops the other takes over', async () => {
    const prefix = `ringside-test-${randomBytes(4).toString('hex')}`;
    const a = await node(prefix, 'node-a');
    await until('node A to own the switch', () => a.module.isOwner());
    const b = await node(prefix, 'node-b');
    await a.ami.whenReady(5000);
    await until('queue members on the owner', () => a.module.service.state().agent(world.agentIds.agent3)?.memberships.has('sales'));
    expect(a.module.isOwner()).toBe(true);
    expect(b.module.isOwner()).toBe(false);
    expect(b.ami.state()).toBe('disconnected');
    // The Stasis side (ARI) follows the lease too: only the owner takes Stasis calls.
    expect([...ownerSide]).toEqual(['node-a']);

    const casey = await connect(b, 'agent3');
    const snap = casey.snapshot() as AgentSnapshot;
    expect(snap.agent.agentId).toBe(world.agentIds.agent3);
    expect(snap.agent.status.kind).toBe('ready');
    expect(Object.keys(snap.seqs)).toContain('queue:sales');

    const callId = placeInboundCall(world.sim.engine, { exten: '5002', callerNum: '+14155550123' }).linkedid;
    const pop = await popOf(casey, callId);
    expect(pop).toMatchObject({ agentId: world.agentIds.agent3, queue: 'sales', match: { kind: 'none' } });
    expect(await casey.command('pause', { reason: 'Lunch\nbreak' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    answerPhone(world.sim.engine, '1003');
    await casey.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'call' && c.call.callId === callId && c.call.status.kind === 'connected'));
    expect(await casey.command('hangUp', { callId })).toEqual({ ok: true });
    await until('the call gone on the owner', () => a.module.service.state().call(callId) === undefined);
    await casey.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'call_removed' && c.callId === callId));

    const snapshotsBefore = casey.all('snapshot').length;
    await a.stop();
    nodes.splice(nodes.indexOf(a), 1);
    await until('node B to take the switch over', () => b.module.isOwner(), 5000);
    await until('the owner-only connections to move to node B', () => ownerSide.has('node-b') && !ownerSide.has('node-a'));
    await b.ami.whenReady(5000);
    await until('a fresh snapshot after the takeover', () => casey.all('snapshot').length > snapshotsBefore);
    await until('queue members on the new owner', () => b.module.service.state().agent(world.agentIds.agent3)?.memberships.has('sales'));

    const second = placeInboundCall(world.sim.engine, { exten: '5002', callerNum: '+14155550124' }).linkedid;
    expect((await popOf(casey, second)).agentId).toBe(world.agentIds.agent3);
  }, 30_000);

  it('a lease left by a node that died expires, and a waiting node takes the switch over', async () => {
    const prefix = `ringside-test-${randomBytes(4).toString('hex')}`;
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      await redis.set(`${prefix}:switch-lease`, 'dead-node', { expiration: { type: 'PX', value: 1200 } });
      const b = await node(prefix, 'node-b');
      expect(b.module.isOwner()).toBe(false);
      const alex = TestClient.open(b.url, world.cookies.agent1);
      clients.push(alex);
      // No node holds the switch yet: the console is told so instead of getting a snapshot...
      const error = await alex.waitFor<ErrorBody['error']>('error');
      expect(error.code).toBe('PBX_UNAVAILABLE');
      expect(alex.all('snapshot')).toEqual([]);
      await until('the dead node’s lease to expire and B to take over', () => b.module.isOwner(), 5000);
      expect(await redis.get(`${prefix}:switch-lease`)).toBe('node-b');
      // ...and gets one pushed as soon as a node has taken the switch over.
      const snap = await alex.waitFor<AgentSnapshot>('snapshot');
      expect(snap.agent.agentId).toBe(world.agentIds.agent1);
    } finally {
      await redis.del(`${prefix}:switch-lease`);
      await redis.close();
    }
  }, 30_000);

  it('an agent is signed out only when no console of theirs is left on any node, a closed one on either node counting', async () => {
    const prefix = `ringside-test-${randomBytes(4).toString('hex')}`;
    const settings = { defaultWrapUpSeconds: 30, awayLogoutSeconds: 1 };
    const agentId = world.agentIds.agent3;
    const salesMember = () => world.sim.engine.queues.get('sales')?.members.find((m) => m.interface === 'PJSIP/1003');
    const a = await node(prefix, 'node-a', settings);
    await until('node A to own the switch', () => a.module.isOwner());
    const b = await node(prefix, 'node-b', settings);
    await a.ami.whenReady(5000);
    await until('queue members on the owner', () => a.module.service.state().agent(agentId)?.memberships.has('sales'));
    try {
      const onB = await connect(b, 'agent3');
      const onA = await connect(a, 'agent3');
      // The owner's own console closes; the one on node B is what keeps the agent signed in.
      onA.close();
      await new Promise((r) => setTimeout(r, 2500));
      expect(a.module.service.state().agent(agentId)?.status.kind).toBe('ready');
      expect(salesMember()?.paused).toBe(false);

      // The last console closes on node B: the owner hears of it and signs the agent out after the grace.
      onB.close();
      await until('the owner signing the agent out', () => a.module.service.state().agent(agentId)?.status.kind === 'logged_out', 8000);
      expect(salesMember()).toMatchObject({ paused: true, pausedReason: LOGGED_OUT_PAUSE_REASON });
    } finally {
      world.sim.engine.queues.pause('sales', 'PJSIP/1003', false, '');
    }
  }, 30_000);
});
