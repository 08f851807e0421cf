import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { placeInboundCall } from '@ringside/pbx-sim';
import { DEFAULT_TENANT_ID, type AgentSnapshot, type QueueView, type RoomDelta, type ScreenPop } from '@ringside/shared';
import { createCtiWorld, startCtiNode, type CtiNode, type CtiWorld } from './testing/cti-world.js';
import { TestClient, until } from './testing/test-client.js';

// Casey (agent3) is the one member of `sales` (extension 5002) in the test switch.
const ROOM = 'queue:sales';
let world: CtiWorld;
let node: CtiNode | null = null;
const open: TestClient[] = [];

async function startNode(queueUpdateIntervalMs: number): Promise<void> {
  node = await startCtiNode(world, { settings: { defaultWrapUpSeconds: 30, queueUpdateIntervalMs } });
  await node.ami.whenReady(5000);
  await until('queue members from the switch', () => node?.module.service.state().agent(world.agentIds.agent3)?.memberships.has('sales'));
}

async function stopNode(): Promise<void> {
  await node?.stop();
  node = null;
}

const live = () => (node as CtiNode).module.service.state();
const domainSeq = () => live().seqOf(DEFAULT_TENANT_ID, ROOM);
const waiting = () => live().queueViewOf('sales').waiting;

async function casey(): Promise<TestClient> {
  const client = await TestClient.connect((node as CtiNode).url, world.cookies.agent3);
  open.push(client);
  return client;
}

const queueDeltas = (c: TestClient) => c.all<RoomDelta>('delta').filter((d) => d.room === ROOM);
const salesIn = (d: RoomDelta) => d.changes.flatMap((c) => (c.type === 'queue' && c.queue.name === 'sales' ? [c.queue] : []));
const placeCall = (callerNum: string) => placeInboundCall(world.sim.engine, { exten: '5002', callerNum }).linkedid;

beforeAll(async () => {
  world = await createCtiWorld();
}, 60_000);

afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const ch of world.sim.engine.listChannels()) world.sim.engine.remoteHangup(ch);
  if (node) {
    await until('no call left', () => live().callViews().length === 0);
    await node.module.service.popsSettled();
  }
});

afterAll(async () => {
  await stopNode();
  await world?.close();
}, 30_000);

describe('queue updates coalesced every 5 s', () => {
  beforeAll(() => startNode(5000), 30_000);
  afterAll(() => stopNode(), 30_000);

  it('a burst of queue changes reaches the queue room as one delta with seq + 1 and the latest figures, while the pop and the agent’s own state are not held back', async () => {
    const c = await casey();
    const snap = c.snapshot() as AgentSnapshot;
    const from = snap.seqs[ROOM] ?? 0;
    const domainFrom = domainSeq();
    const agentId = world.agentIds.agent3;

    const first = placeCall('+14155550101');
    placeCall('+14155550102');
    placeCall('+14155550103');
    await until('three callers waiting', () => waiting() === 3 || undefined);
    await until('several queue changes in the domain', () => domainSeq() >= domainFrom + 3 || undefined);

    // Delivered while the queue room's window is still open: nothing of it has been sent yet.
    await c.waitFor<ScreenPop>('screenPop', (p) => p.callId === first);
    await c.waitFor<RoomDelta>('delta', (d) => d.room === `agent:${agentId}` && d.changes.some((x) => x.type === 'agent' && x.agent.status.kind === 'ringing'));
    expect(queueDeltas(c)).toEqual([]);

    const expected: QueueView = live().queueViewOf('sales');
    const sent = await c.waitFor<RoomDelta>('delta', (d) => d.room === ROOM, 10_000);
    expect(queueDeltas(c)).toHaveLength(1);
    expect(sent.seq).toBe(from + 1);
    expect(salesIn(sent)).toHaveLength(1);
    expect(salesIn(sent)[0]).toMatchObject({ waiting: 3, agents: expected.agents, longestWaitSince: expected.longestWaitSince });
  }, 20_000);

  it('a snapshot taken inside the window continues from the last delta sent: no gap, no lost change', async () => {
    const c = await casey();
    const from = (c.snapshot() as AgentSnapshot).seqs[ROOM] ?? 0;
    const domainFrom = domainSeq();
    placeCall('+14155550104');
    await until('the queue changed', () => domainSeq() > domainFrom || undefined);
    expect(queueDeltas(c)).toEqual([]);

    // A resync and a second console connecting, both mid-window.
    const resync = (await c.command('resync', {})) as { ok: true; data: AgentSnapshot };
    const other = await casey();
    const fresh = resync.data;
    const second = other.snapshot() as AgentSnapshot;
    expect(fresh.seqs[ROOM]).toBe(from + 1);
    expect(second.seqs[ROOM]).toBe(from + 1);
    // What was pending went out before the snapshot, to the sockets already in the room.
    const flushed = queueDeltas(c);
    expect(flushed.map((d) => d.seq)).toEqual([from + 1]);
    expect(salesIn(flushed[0] as RoomDelta)[0]?.waiting).toBe(1);
    expect(fresh.queues.find((q) => q.name === 'sales')?.waiting).toBe(1);
    expect(second.queues.find((q) => q.name === 'sales')?.waiting).toBe(1);

    placeCall('+14155550105');
    const next = await other.waitFor<RoomDelta>('delta', (d) => d.room === ROOM, 10_000);
    expect(next.seq).toBe(from + 2);
    expect(salesIn(next)[0]?.waiting).toBe(2);
    const same = await c.waitFor<RoomDelta>('delta', (d) => d.room === ROOM && d.seq === from + 2, 10_000);
    expect(same).toEqual(next);
  }, 20_000);
});

describe('queue updates with QUEUE_UPDATE_INTERVAL_MS=0', () => {
  beforeAll(() => startNode(0), 30_000);
  afterAll(() => stopNode(), 30_000);

  it('every queue change goes out at once, numbered as the domain numbers it', async () => {
    const c = await casey();
    const from = (c.snapshot() as AgentSnapshot).seqs[ROOM] ?? 0;
    expect(from).toBe(domainSeq());
    placeCall('+14155550106');
    placeCall('+14155550107');
    await until('two callers waiting', () => waiting() === 2 || undefined);
    const to = domainSeq();
    expect(to).toBeGreaterThanOrEqual(from + 2);
    await c.waitFor<RoomDelta>('delta', (d) => d.room === ROOM && d.seq === to);
    expect(queueDeltas(c).map((d) => d.seq)).toEqual(Array.from({ length: to - from }, (_, i) => from + 1 + i));
    expect(salesIn(queueDeltas(c).at(-1) as RoomDelta)[0]?.waiting).toBe(2);
  }, 20_000);
});
