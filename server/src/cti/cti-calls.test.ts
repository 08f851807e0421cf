import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { answerPhone, placeInboundCall } from '@ringside/pbx-sim';
import type { AgentQueues, AgentSnapshot, CallView, RoomDelta, ScreenPop, SupervisorSnapshot } from '@ringside/shared';
import { interactions } from '../db/schema.js';
import { createCtiWorld, startCtiNode, type CtiNode, type CtiWorld } from './testing/cti-world.js';
import { TestClient, until } from './testing/test-client.js';

let world: CtiWorld;
let node: CtiNode;
const open: TestClient[] = [];

async function connect(who: keyof CtiWorld['cookies']): Promise<TestClient> {
  const client = await TestClient.connect(node.url, world.cookies[who]);
  open.push(client);
  return client;
}

/** The pop the agent ends up with for a call: the full one, or the record that followed a pending one. */
function finalPop(client: TestClient, callId: string): Promise<ScreenPop> {
  return until(`the pop of ${callId}`, () =>
    [...client.all<ScreenPop>('screenPop'), ...client.all<ScreenPop>('screenPopRecord')].find((p) => p.callId === callId && p.match.kind !== 'pending'),
  );
}

/** The newest view of a call the client was sent in a delta. */
function callIn(client: TestClient, callId: string, match: (c: CallView) => boolean = () => true): Promise<CallView> {
  return until(`call ${callId} in a delta`, () =>
    client
      .all<RoomDelta>('delta')
      .flatMap((d) => d.changes)
      .flatMap((c) => (c.type === 'call' && c.call.callId === callId ? [c.call] : []))
      .find(match),
  );
}

function removed(client: TestClient, callId: string): Promise<true> {
  return until(`call ${callId} removed`, () =>
    client.all<RoomDelta>('delta').some((d) => d.changes.some((c) => c.type === 'call_removed' && c.callId === callId)) || undefined,
  );
}

function placeCall(exten: string, callerNum: string): string {
  return placeInboundCall(world.sim.engine, { exten, callerNum }).linkedid;
}

async function answeredBy(client: TestClient, callId: string, agentId: string): Promise<void> {
  await callIn(client, callId, (c) => c.legs.some((l) => l.agentId === agentId && l.state === 'ringing'));
  answerPhone(world.sim.engine, agentNumber(agentId));
  await callIn(client, callId, (c) => c.status.kind === 'connected' && c.status.agent === agentId);
}

function agentNumber(agentId: string): string {
  const ids = world.agentIds;
  return agentId === ids.agent1 ? '1001' : agentId === ids.agent2 ? '1002' : '1003';
}

function rest(path: string, cookie: string, body: unknown) {
  return fetch(`${node.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  world = await createCtiWorld();
  // A minute-long window: the flood test below counts what one window lets through.
  node = await startCtiNode(world, { settings: { defaultWrapUpSeconds: 30, rateLimit: { points: 60, seconds: 60 } } });
  await node.ami.whenReady(5000);
  await until('queue members from the switch', () => node.module.service.state().agent(world.agentIds.agent3)?.memberships.has('sales'));
}, 60_000);

afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const ch of world.sim.engine.listChannels()) world.sim.engine.remoteHangup(ch);
  await until('no call left', () => node.module.service.state().callViews().length === 0);
  await node.module.service.popsSettled();
});

afterAll(async () => {
  await node?.stop();
  await world?.close();
}, 30_000);

describe('screen pops', () => {
  it('a queue call pops the caller’s card on the ringing agent only', async () => {
    const ada = await world.customers.create({ kind: 'person', firstName: 'Ada', lastName: 'Lovelace', lifecycle: 'customer', valueScore: 50, contactPoints: [{ kind: 'phone', value: '(415) 555-0142' }] });
    const casey = await connect('agent3');
    const alex = await connect('agent1');
    const callId = placeCall('5002', '+14155550142');

    const pop = await finalPop(casey, callId);
    expect(pop.match.kind).toBe('single');
    expect(pop.match.kind === 'single' && pop.match.customer.id).toBe(ada.id);
    expect(pop).toMatchObject({ agentId: world.agentIds.agent3, queue: 'sales', callerNumber: { e164: '+14155550142' } });
    await node.module.service.popsSettled();
    expect(alex.all('screenPop')).toEqual([]);
    expect(alex.all('screenPopRecord')).toEqual([]);
    expect(alex.all<RoomDelta>('delta').some((d) => d.changes.some((c) => c.type === 'call' && c.call.callId === callId))).toBe(false);
  });

  it('an unknown caller pops an empty card with the number prefilled', async () => {
    const casey = await connect('agent3');
    const callId = placeCall('5002', '+14155550199');
    const pop = await finalPop(casey, callId);
    expect(pop.match).toEqual({ kind: 'none', prefill: { phone: '+14155550199' } });
  });

  it('a number shared by two customers pops both to choose from', async () => {
    for (const firstName of ['Grace', 'Alan']) {
      await world.customers.create({ kind: 'person', firstName, lastName: 'Shared', lifecycle: 'lead', valueScore: 1, contactPoints: [{ kind: 'phone', value: '+1 415 555 0177' }] });
    }
    const casey = await connect('agent3');
    const callId = placeCall('5002', '+14155550177');
    const pop = await finalPop(casey, callId);
    expect(pop.match.kind).toBe('multiple');
    expect(pop.match.kind === 'multiple' && pop.match.candidates.map((c) => c.firstName).sort()).toEqual(['Alan', 'Grace']);
  });
});

describe('commands on a live call', () => {
  it('when the agent hangs up, the call ends, the interaction is written once with timings, and the wrap-up disposition lands on it', async () => {
    const casey = await connect('agent3');
    const agentId = world.agentIds.agent3;
    const callId = placeCall('5002', '+14155550142');
    await answeredBy(casey, callId, agentId);
    await new Promise((r) => setTimeout(r, 1100));

    expect(await casey.command('hangUp', { callId })).toEqual({ ok: true });
    await removed(casey, callId);
    await node.module.service.writer.idle();
    const rows = await world.database.db.select().from(interactions).where(eq(interactions.linkedid, callId));
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({ agentId, queue: 'sales', direction: 'inbound', abandoned: false, callerNumber: '+14155550142', disposition: null });
    expect(row?.talkSeconds).toBeGreaterThanOrEqual(1);
    expect(row?.answeredAt).not.toBeNull();
    expect((row?.endedAt?.getTime() ?? 0) - (row?.answeredAt?.getTime() ?? 0)).toBeGreaterThanOrEqual(1000);

    const me = node.module.service.state().agent(agentId);
    expect(me?.status.kind).toBe('wrap_up');
    expect(await casey.command('setDisposition', { callId, code: 'resolved', notes: 'Sorted the invoice\nwill call back' })).toEqual({ ok: true });
    await node.module.service.writer.idle();
    const after = await world.database.db.select().from(interactions).where(eq(interactions.linkedid, callId));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ disposition: 'resolved', notes: 'Sorted the invoice\nwill call back' });
    expect(await casey.command('unpause', {})).toEqual({ ok: true });
  });

  it('an agent cannot touch another agent’s call, and unknown or malformed calls are refused', async () => {
    const casey = await connect('agent3');
    const alex = await connect('agent1');
    const callId = placeCall('5002', '+14155550100');
    await callIn(casey, callId, (c) => c.status.kind === 'ringing');

    expect(await alex.command('hangUp', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await alex.command('hangUp', { callId: '1700000000.999' })).toMatchObject({ ok: false, error: { code: 'CALL_NOT_FOUND' } });
    expect(await alex.command('hangUp', { callId: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await alex.command('forcePause', { agentId: world.agentIds.agent3, reason: 'Break' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(node.module.service.state().call(callId)).toBeDefined();
  });

  it('a transfer number with CR/LF is refused as INVALID_INPUT, over the socket and over REST, and nothing reaches AMI', async () => {
    const casey = await connect('agent3');
    const callId = placeCall('5002', '+14155550100');
    await answeredBy(casey, callId, world.agentIds.agent3);
    const evil = { kind: 'external', number: '5551234\r\nAction: Originate\r\nChannel: PJSIP/2001' };

    const ack = await casey.command('blindTransfer', { callId, target: evil });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const res = await rest(`/api/calls/${callId}/blindTransfer`, world.cookies.agent3, { target: evil });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    expect(node.proxy.sentText()).not.toMatch(/BlindTransfer|Originate|Channel: PJSIP\/2001/);
  });

  it('a blind transfer moves the caller to another agent, whose console sees the call ring and pop', async () => {
    const casey = await connect('agent3');
    const alex = await connect('agent1');
    const callId = placeCall('5002', '+14155550142');
    await answeredBy(casey, callId, world.agentIds.agent3);

    expect(await casey.command('blindTransfer', { callId, target: { kind: 'extension', extension: '1001' } })).toEqual({ ok: true });
    const seen = await callIn(alex, callId, (c) => c.legs.some((l) => l.agentId === world.agentIds.agent1 && l.state === 'ringing'));
    expect(seen.callerE164).toBe('+14155550142');
    const pop = await finalPop(alex, callId);
    expect(pop.agentId).toBe(world.agentIds.agent1);
    answerPhone(world.sim.engine, '1001');
    await callIn(alex, callId, (c) => c.status.kind === 'connected' && c.status.agent === world.agentIds.agent1);
    await callIn(casey, callId, (c) => c.legs.some((l) => l.agentId === world.agentIds.agent3 && l.state === 'ended'));
  });
});

describe('the realtime gateway', () => {
  it('refuses a socket without a valid session with UNAUTHENTICATED', async () => {
    for (const cookie of [null, 'ringside_session=forged-token']) {
      const client = TestClient.open(node.url, cookie);
      const err = await new Promise<Error & { data?: { code?: string } }>((resolve) => client.socket.once('connect_error', resolve));
      expect(err.message).toBe('UNAUTHENTICATED');
      expect(err.data?.code).toBe('UNAUTHENTICATED');
      client.close();
    }
  });

  it('sends the snapshot first, then deltas numbered last + 1 per room, and a fresh snapshot on resync', async () => {
    const blair = await connect('agent2');
    const agentId = world.agentIds.agent2;
    expect(blair.events[0]?.name).toBe('snapshot');
    const snap = blair.snapshot() as AgentSnapshot;
    expect(snap.view).toBe('agent');
    expect(snap.agent.agentId).toBe(agentId);
    expect(snap.agent.status.kind).toBe('ready');
    expect(Object.keys(snap.seqs).sort()).toEqual([`agent:${agentId}`, 'queue:support']);
    expect(snap).toMatchObject({ phone: { mode: 'server' }, pauseReasons: expect.arrayContaining(['Break']), dispositions: expect.arrayContaining(['resolved']) });
    expect(Object.keys(snap.queueHistory ?? {})).toEqual(['support']);
    expect(typeof snap.agent.handledToday).toBe('number');

    const room = `agent:${agentId}`;
    expect(await blair.command('pause', { reason: 'Break' })).toEqual({ ok: true });
    const delta = await blair.waitFor<RoomDelta>('delta', (d) => d.room === room && d.changes.some((c) => c.type === 'agent' && c.agent.status.kind === 'paused'));
    const first = blair.all<RoomDelta>('delta').find((d) => d.room === room);
    expect(first?.seq).toBe((snap.seqs[room] ?? 0) + 1);
    const mine = blair.all<RoomDelta>('delta').filter((d) => d.room === room);
    mine.forEach((d, i) => expect(d.seq).toBe((snap.seqs[room] ?? 0) + 1 + i));

    const resync = await blair.command('resync', {});
    expect(resync.ok).toBe(true);
    const fresh = (resync as { data: AgentSnapshot }).data;
    expect(fresh.agent.status).toMatchObject({ kind: 'paused', reason: 'Break' });
    expect(fresh.seqs[room]).toBeGreaterThanOrEqual(delta.seq);
    expect(await blair.command('unpause', {})).toEqual({ ok: true });
  });

  it('a pause with a reason, over the socket or over REST, shows in the supervisor’s snapshot', async () => {
    const sup = await connect('sup');
    const alex = await connect('agent1');
    expect(sup.snapshot().view).toBe('supervisor');
    expect(await alex.command('pause', { reason: 'Lunch' })).toEqual({ ok: true });
    const res = await rest('/api/commands/pause', world.cookies.agent2, { reason: 'Training' });
    expect(res.status).toBe(200);
    expect(await alex.command('pause', { reason: 'Nap\r\ntime' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const fresh = (await sup.command('resync', {})) as { ok: true; data: SupervisorSnapshot };
    const byId = new Map(fresh.data.agents.map((a) => [a.agentId, a]));
    expect(byId.get(world.agentIds.agent1)?.status).toMatchObject({ kind: 'paused', reason: 'Lunch' });
    expect(byId.get(world.agentIds.agent2)?.status).toMatchObject({ kind: 'paused', reason: 'Training' });
    expect(byId.get(world.agentIds.agent1)?.memberships.find((m) => m.queue === 'support')?.paused).toBe(true);
    await sup.waitFor<RoomDelta>('delta', (d) => d.room === 'supervisors' && d.changes.some((c) => c.type === 'agent' && c.agent.agentId === world.agentIds.agent1 && c.agent.status.kind === 'paused'));
    expect(await alex.command('unpause', {})).toEqual({ ok: true });
    expect((await rest('/api/commands/unpause', world.cookies.agent2, {})).status).toBe(200);
  });

  it('joining a queue from the console makes the agent a member, and their socket follows that queue’s figures', async () => {
    const alex = await connect('agent1');
    const agentId = world.agentIds.agent1;
    expect(Object.keys(alex.snapshot().seqs)).not.toContain('queue:sales');
    expect(await alex.command('queueLogin', { queue: 'sales' })).toEqual({ ok: true });
    await alex.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'agent' && c.agent.agentId === agentId && c.agent.memberships.some((m) => m.queue === 'sales')));
    const callId = placeCall('5002', '+14155550111');
    await alex.waitFor<RoomDelta>('delta', (d) => d.room === 'queue:sales' && d.changes.some((c) => c.type === 'queue' && c.queue.name === 'sales'));
    const fresh = (await alex.command('resync', {})) as { ok: true; data: AgentSnapshot };
    expect(Object.keys(fresh.data.seqs).sort()).toEqual([`agent:${agentId}`, 'queue:sales', 'queue:support']);
    expect(await alex.command('queueLogout', { queue: 'sales' })).toEqual({ ok: true });
    await until('the membership gone', () => !node.module.service.state().agent(agentId)?.memberships.has('sales'));
    expect(callId).toBeTruthy();
  });

  it('an agent may join only the queues the dial plan lists them in, and a static member neither logs in nor out; nothing reaches the switch', async () => {
    const casey = await connect('agent3');
    const sent = node.proxy.sentText().length;
    // agent3 is a static member of sales and a dynamic one of support; there is no queue "vip" for them.
    expect(await casey.command('queueLogin', { queue: 'vip' })).toMatchObject({ ok: false, error: { code: 'QUEUE_NOT_ALLOWED' } });
    const viaRest = await rest('/api/commands/queueLogin', world.cookies.agent2, { queue: 'vip' });
    expect([viaRest.status, ((await viaRest.json()) as { error: { code: string } }).error.code]).toEqual([403, 'QUEUE_NOT_ALLOWED']);
    expect(await casey.command('queueLogin', { queue: 'sales' })).toMatchObject({ ok: false, error: { code: 'QUEUE_MEMBER_STATIC' } });
    expect(await casey.command('queueLogout', { queue: 'sales' })).toMatchObject({ ok: false, error: { code: 'QUEUE_MEMBER_STATIC' } });
    expect(node.proxy.sentText().slice(sent)).not.toMatch(/Action: Queue(Add|Remove)/);
  });

  it('the queues an agent is offered are exactly those queueLogin does not refuse with QUEUE_NOT_ALLOWED', async () => {
    const offered = async (who: 'agent1' | 'agent3') => {
      const res = await fetch(`${node.url}/api/agent/queues`, { headers: { cookie: world.cookies[who] } });
      expect(res.status).toBe(200);
      return ((await res.json()) as AgentQueues).queues;
    };
    expect(await offered('agent1')).toEqual([{ queue: 'sales', membership: 'dynamic' }, { queue: 'support', membership: 'static' }]);
    expect(await offered('agent3')).toEqual([{ queue: 'sales', membership: 'static' }, { queue: 'support', membership: 'dynamic' }]);
    const refusal = { static: 'QUEUE_MEMBER_STATIC', dynamic: null, absent: 'QUEUE_NOT_ALLOWED' } as const;
    for (const who of ['agent1', 'agent3'] as const) {
      const client = await connect(who);
      const list = await offered(who);
      for (const queue of ['sales', 'support', 'vip']) {
        const kind = list.find((q) => q.queue === queue)?.membership ?? 'absent';
        const answer = (await client.command('queueLogin', { queue })) as { ok: boolean; error?: { code: string } };
        expect([queue, answer.error?.code ?? null]).toEqual([queue, refusal[kind]]);
        if (answer.ok) expect(await client.command('queueLogout', { queue })).toEqual({ ok: true });
      }
    }
    const sup = await fetch(`${node.url}/api/agent/queues`, { headers: { cookie: world.cookies.sup } });
    expect([sup.status, ((await sup.json()) as { error: { code: string } }).error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('commands the switch adapter cannot do, or the user may not do, are refused with a clear code', async () => {
    const sup = await connect('sup');
    const casey = await connect('agent3');
    const callId = placeCall('5002', '+14155550100');
    await answeredBy(casey, callId, world.agentIds.agent3);
    expect(await sup.command('supervisorListen', { agentId: world.agentIds.agent3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sup.command('hangUp', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await casey.command('noSuchCommand', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a socket that floods commands is slowed down with RATE_LIMITED instead of reaching the switch', async () => {
    const blair = await connect('agent2');
    // The budget is the user's (60 a minute here), whatever this user sent earlier in the file.
    const acks = await Promise.all(Array.from({ length: 80 }, () => blair.command('unpause', {})));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(60);
    expect(limited).toBeGreaterThanOrEqual(20);
    expect(limited + acks.filter((a) => a.ok).length).toBe(80);
  });
});
