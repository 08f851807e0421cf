import { describe, expect, it } from '@jest/globals';
import { answerPhone } from '@ringside/pbx-sim';
import type { CallView } from '@ringside/shared';
import { ConsentRepository } from '../../crm/customers/consent-repository.js';
import type { CtiWorld } from '../testing/cti-world.js';
import { ScenarioKit, useScenario, WAIT_MS } from '../testing/scenario-kit.js';
import { TestClient, until } from '../testing/test-client.js';

let world: CtiWorld;
let kit: ScenarioKit;

useScenario({
  ready: (w, k) => {
    world = w;
    kit = k;
  },
});

const legOf = (c: CallView, agentId: string) => c.legs.filter((l) => l.agentId === agentId).at(-1);

/** Casey takes a sales call and consults Alex (1001), who answers; the caller waits on hold. */
async function consultAlex(callerNum: string): Promise<{ casey: TestClient; alex: TestClient; callId: string }> {
  const casey = await kit.connect('agent3');
  const alex = await kit.connect('agent1');
  const callId = kit.placeCall('5002', callerNum);
  await kit.answeredBy(casey, callId, world.agentIds.agent3);
  expect(await casey.command('attendedTransferConsult', { callId, target: { kind: 'extension', extension: '1001' } })).toEqual({ ok: true });
  const ringing = await kit.callIn(alex, callId, (c) => legOf(c, world.agentIds.agent1)?.state === 'ringing');
  expect(ringing.callerE164).toBe(callerNum);
  expect(world.sim.engine.findChannel(callId)?.mohPlaying).toBe(true);
  await kit.callIn(casey, callId, (c) => legOf(c, world.agentIds.agent3)?.state === 'held');
  answerPhone(world.sim.engine, '1001');
  await kit.callIn(alex, callId, (c) => legOf(c, world.agentIds.agent1)?.state === 'up');
  return { casey, alex, callId };
}

describe('attended transfer', () => {
  it('completing joins the caller with the consulted agent, the first agent leaves, and each agent’s leg is logged once', async () => {
    const { casey, alex, callId } = await consultAlex('+14155550161');
    expect(await casey.command('attendedTransferComplete', { callId })).toEqual({ ok: true });
    await kit.callIn(alex, callId, (c) => c.status.kind === 'connected' && c.status.agent === world.agentIds.agent1);
    await kit.callIn(casey, callId, (c) => legOf(c, world.agentIds.agent3)?.state === 'ended');
    const caller = world.sim.engine.findChannel(callId);
    expect(caller?.mohPlaying).toBe(false);
    expect(caller?.bridgeId).toBeDefined();

    expect(await alex.command('hangUp', { callId })).toEqual({ ok: true });
    await kit.removed(alex, callId);
    const rows = await kit.rowsWhen(callId, 2);
    expect(rows.map((r) => r.agentId).sort()).toEqual([world.agentIds.agent1, world.agentIds.agent3].sort());
    expect(new Set(rows.map((r) => r.legId)).size).toBe(2);
    // Nothing more is written later (the unique leg id would refuse it anyway).
    expect(await kit.rowsOf(callId)).toHaveLength(2);
  });

  it('cancelling ends the consultation and puts the first agent back with the caller, as Asterisk does', async () => {
    const { casey, callId } = await consultAlex('+14155550162');
    expect(await casey.command('attendedTransferCancel', { callId })).toEqual({ ok: true });
    const back = await kit.callIn(casey, callId, (c) => c.status.kind === 'connected' && legOf(c, world.agentIds.agent3)?.state === 'up' && legOf(c, world.agentIds.agent1)?.state === 'ended');
    expect(back.status).toEqual({ kind: 'connected', agent: world.agentIds.agent3 });
    const caller = world.sim.engine.findChannel(callId);
    const agentLeg = kit.channelOf('1003');
    expect(caller?.mohPlaying).toBe(false);
    expect(agentLeg?.gone).toBe(false);
    expect(agentLeg?.bridgeId).toBe(caller?.bridgeId);
    await until('the agent back on the call', () => kit.node.module.service.state().agent(world.agentIds.agent3)?.status.kind === 'on_call', WAIT_MS);

    expect(await casey.command('hangUp', { callId })).toEqual({ ok: true });
    await kit.removed(casey, callId);
    const rows = await kit.rowsWhen(callId, 2);
    expect(rows.map((r) => r.agentId).sort()).toEqual([world.agentIds.agent1, world.agentIds.agent3].sort());
  });
});

describe('click-to-dial', () => {
  it('rings the agent’s phone first, then the customer; the console shows an outbound call without a pop, logged once as outbound', async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const ack = casey.command('clickToDial', { number: '2001' }, WAIT_MS);
    const ringing = await until('the agent’s own phone ringing', () => kit.node.module.service.state().callViews().find((c) => c.legs.some((l) => l.agentId === agentId && l.state === 'ringing')), WAIT_MS);
    const callId = ringing.callId;
    expect(kit.channelOf('2001')).toBeUndefined();
    answerPhone(world.sim.engine, '1003');
    await until('the customer’s phone ringing', () => kit.channelOf('2001'), WAIT_MS);
    answerPhone(world.sim.engine, '2001');
    const up = await kit.callIn(casey, callId, (c) => c.status.kind === 'connected' && c.answeredAt !== null);
    expect(up.direction).toBe('outbound');
    expect(up.status).toEqual({ kind: 'connected', agent: agentId });
    expect((await ack).ok).toBe(true);
    await kit.node.module.service.popsSettled();
    expect(casey.all('screenPop')).toEqual([]);

    expect(await casey.command('hangUp', { callId })).toEqual({ ok: true });
    await kit.removed(casey, callId);
    const rows = await kit.rowsWhen(callId, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agentId, direction: 'outbound', abandoned: false });
  });

  it('refuses a number whose owner withdrew consent to service calls, before the switch rings anyone; a do-not-call entry alone does not stop it', async () => {
    const casey = await kit.connect('agent3');
    const ledger = new ConsentRepository(world.database);
    const withdraw = (address: string, purpose: 'service' | 'marketing') =>
      ledger.append({ addressKind: 'phone', address, contactPointId: null, customerId: null, channel: 'voice', purpose, state: 'withdrawn', occurredAt: new Date('2026-11-30T09:00:00Z'), method: 'agent', actor: 'test', evidence: { note: 'asked not to be called' } });
    await withdraw('+14155550177', 'service');
    const refused = await casey.command('clickToDial', { number: '(415) 555-0177' }, WAIT_MS);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTACT_NOT_ALLOWED', message: expect.stringContaining('+14155550177 withdrew consent to service calls on 2026-11-30') } });
    expect(kit.node.module.service.state().callViews().filter((c) => c.legs.some((l) => l.agentId === world.agentIds.agent3))).toEqual([]);
    expect(kit.channelOf('1003')).toBeUndefined();

    await withdraw('+14155550178', 'marketing');
    const ack = casey.command('clickToDial', { number: '+14155550178' }, WAIT_MS);
    const ringing = await until('the agent’s own phone ringing', () => kit.node.module.service.state().callViews().find((c) => c.legs.some((l) => l.agentId === world.agentIds.agent3 && l.state === 'ringing')), WAIT_MS);
    answerPhone(world.sim.engine, '1003');
    expect((await ack).ok).toBe(true);
    // The demo switch has no trunk for this number, so the call may already be over; either way it goes.
    await casey.command('hangUp', { callId: ringing.callId });
    await kit.removed(casey, ringing.callId);
  });
});
