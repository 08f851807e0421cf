import { describe, expect, it } from '@jest/globals';
import { answerPhone } from '@ringside/pbx-sim';
import type { RoomDelta } from '@ringside/shared';
import type { CtiWorld } from '../testing/cti-world.js';
import { agentLegMuted, ScenarioKit, useScenario, WAIT_MS } from '../testing/scenario-kit.js';
import { until } from '../testing/test-client.js';

let world: CtiWorld;
let kit: ScenarioKit;

useScenario({
  ready: (w, k) => {
    world = w;
    kit = k;
  },
});

describe('hold from the console', () => {
  it('the agent holds over the socket: the caller hears music, the agent is on hold, and the held time lands on the interaction', async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550142');
    await kit.answeredBy(casey, callId, agentId);

    expect(await casey.command('hold', { callId })).toEqual({ ok: true });
    const held = await kit.callIn(casey, callId, (c) => c.status.kind === 'held');
    expect(held.status).toEqual({ kind: 'held', agent: agentId });
    await casey.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'agent' && c.agent.agentId === agentId && c.agent.status.kind === 'on_hold'), WAIT_MS);
    const caller = world.sim.engine.findChannel(callId);
    expect(caller?.mohPlaying).toBe(true);
    expect(kit.node.proxy.sentText()).toMatch(/Action: PJSIPNotify\r\n(?:.*\r\n)*?Endpoint: 1003\r\n(?:.*\r\n)*?Variable: Event=hold\r\n/);

    await new Promise((r) => setTimeout(r, 1100));
    expect(await casey.command('unhold', { callId })).toEqual({ ok: true });
    await kit.callIn(casey, callId, (c) => c.status.kind === 'connected' && c.status.agent === agentId);
    expect(caller?.mohPlaying).toBe(false);
    await until('the agent off hold', () => kit.node.module.service.state().agent(agentId)?.status.kind === 'on_call', WAIT_MS);

    expect(await casey.command('hangUp', { callId })).toEqual({ ok: true });
    await kit.removed(casey, callId);
    const rows = await kit.rowsWhen(callId, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.holdSeconds).toBeGreaterThanOrEqual(1);
    expect(rows[0]?.agentId).toBe(agentId);
  });
});

describe('answer from the console', () => {
  it('the agent answers the ringing call from the console and the call connects to them', async () => {
    const casey = await kit.connect('agent3');
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550143');
    await kit.callIn(casey, callId, (c) => c.legs.some((l) => l.agentId === agentId && l.state === 'ringing'));

    expect(await casey.command('answer', { callId })).toEqual({ ok: true });
    const connected = await kit.callIn(casey, callId, (c) => c.status.kind === 'connected');
    expect(connected.status).toEqual({ kind: 'connected', agent: agentId });
    expect(kit.channelOf('1003')?.isUp).toBe(true);
    // Once up there is nothing to answer.
    expect(await casey.command('answer', { callId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('another agent cannot answer a call ringing elsewhere', async () => {
    const casey = await kit.connect('agent3');
    const alex = await kit.connect('agent1');
    const callId = kit.placeCall('5002', '+14155550144');
    await kit.callIn(casey, callId, (c) => c.status.kind === 'ringing');
    expect(await alex.command('answer', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(kit.channelOf('1003')?.isUp).toBe(false);
  });
});

describe('mute from the console', () => {
  const muteActions = () => kit.node.proxy.sentText().split('Action: MuteAudio').length - 1;

  it('mute silences the agent’s microphone on the switch and every console and the wallboard see it, also after a reload; unmute and hang-up clear it', async () => {
    const casey = await kit.connect('agent3');
    const sam = await kit.connect('sup');
    const agentId = world.agentIds.agent3;
    const callId = kit.placeCall('5002', '+14155550145');
    await kit.callIn(casey, callId, (c) => c.legs.some((l) => l.agentId === agentId && l.state === 'ringing'));
    // A ringing phone has no audio to mute: refused before anything reaches the switch.
    const before = muteActions();
    expect(await casey.command('mute', { callId })).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(muteActions()).toBe(before);
    answerPhone(world.sim.engine, '1003');
    await kit.callIn(casey, callId, (c) => c.status.kind === 'connected' && c.status.agent === agentId);
    const leg = kit.channelOf('1003');
    expect(agentLegMuted(await kit.callIn(sam, callId), agentId)).toBe(false);

    expect(await casey.command('mute', { callId })).toEqual({ ok: true });
    expect(leg?.muted).toEqual({ in: true, out: false });
    expect(kit.node.proxy.sentText()).toMatch(/Action: MuteAudio\r\n(?:.*\r\n)*?Direction: in\r\n(?:.*\r\n)*?State: on\r\n/);
    await kit.callIn(casey, callId, (c) => agentLegMuted(c, agentId) === true);
    await kit.callIn(sam, callId, (c) => agentLegMuted(c, agentId) === true);

    // A console opened now (a reload, a second screen, another supervisor) starts muted.
    const caseyAgain = await kit.connect('agent3');
    const samAgain = await kit.connect('sup');
    expect(agentLegMuted(caseyAgain.snapshot().calls.find((c) => c.callId === callId), agentId)).toBe(true);
    expect(agentLegMuted(samAgain.snapshot().calls.find((c) => c.callId === callId), agentId)).toBe(true);

    expect(await caseyAgain.command('unmute', { callId })).toEqual({ ok: true });
    expect(leg?.muted).toEqual({ in: false, out: false });
    for (const client of [casey, caseyAgain, sam, samAgain]) await kit.callIn(client, callId, (c) => agentLegMuted(c, agentId) === false);

    expect(await casey.command('mute', { callId })).toEqual({ ok: true });
    await kit.callIn(sam, callId, (c) => agentLegMuted(c, agentId) === true);
    expect(await casey.command('hangUp', { callId })).toEqual({ ok: true });
    await kit.removed(sam, callId);
    const last = await kit.callIn(sam, callId);
    expect(last.legs.filter((l) => l.agentId === agentId).map((l) => [l.state, l.muted])).toEqual([['ended', false]]);
    const late = await kit.connect('sup');
    expect(late.snapshot().calls.some((c) => c.callId === callId)).toBe(false);
  });
});
