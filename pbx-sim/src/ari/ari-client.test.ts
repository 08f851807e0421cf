import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from '@jest/globals';
import { placeInboundCall } from '../engine/calls.js';
import { startHarness, TRACES, until, type AriHarness } from './testing/ari-test-kit.js';

/** The parts of the (untyped, CommonJS) ari-client library these scenarios use. */
interface AriResource {
  id: string;
  [op: string]: unknown;
  once(event: string, cb: (e: Record<string, unknown>, r: AriResource) => void): void;
}
interface AriClient {
  start(app: string): Promise<void>;
  stop(): void;
  on(event: string, cb: (e: Record<string, unknown>, r: AriResource) => void): void;
  once(event: string, cb: (e: Record<string, unknown>, r: AriResource) => void): void;
  Playback(): AriResource;
  Bridge(): AriResource;
  Channel(): AriResource;
  channels: { list(): Promise<AriResource[]>; get(p: { channelId: string }): Promise<AriResource & Record<string, unknown>> };
  bridges: { list(): Promise<AriResource[]> };
  playbacks: { get(p: { playbackId: string }): Promise<Record<string, unknown>> };
  endpoints: { list(): Promise<Record<string, unknown>[]>; listByTech(p: { tech: string }): Promise<Record<string, unknown>[]>; get(p: { tech: string; resource: string }): Promise<Record<string, unknown>> };
  applications: { list(): Promise<Record<string, unknown>[]>; get(p: { applicationName: string }): Promise<Record<string, unknown>>; subscribe(p: { applicationName: string; eventSource: string }): Promise<Record<string, unknown>> };
  asterisk: { getInfo(): Promise<Record<string, unknown>> };
}
const ari = createRequire(import.meta.url)('ari-client') as { connect(url: string, user: string, pass: string): Promise<AriClient> };

const call = (r: AriResource, op: string, ...args: unknown[]) => (r[op] as (...a: unknown[]) => Promise<AriResource & Record<string, unknown>>)(...args);
const once = (r: AriResource | AriClient, event: string, pred: (e: Record<string, unknown>) => boolean = () => true) =>
  new Promise<{ e: Record<string, unknown>; r: AriResource }>((resolve) => {
    const handler = (e: Record<string, unknown>, res: AriResource) => {
      if (pred(e)) resolve({ e, r: res });
      else r.once(event, handler);
    };
    r.once(event, handler);
  });

const maybe = TRACES ? describe : describe.skip;
if (!TRACES) process.stdout.write('ari-client tests skipped: ../shared/asterisk is absent\n');

maybe('the unmodified ari-client library drives pbx-sim', () => {
  let h: AriHarness | undefined;
  let client: AriClient | undefined;
  afterEach(async () => {
    client?.stop();
    client = undefined;
    await h?.close();
    h = undefined;
  });

  it('answers a call that reaches Stasis, plays a prompt to it and hangs it up (f-ari-stasis)', async () => {
    h = await startHarness();
    client = await ari.connect(h.url, 'cti', 'cti-secret');
    const started = once(client, 'StasisStart');
    await client.start('cti');
    const caller = placeInboundCall(h.engine, { exten: '6000' });
    const { e, r: channel } = await started;
    expect(e.args).toEqual(['inbound', '6000']);
    expect(channel.id).toBe(caller.id);
    expect(channel.state).toBe('Ring');
    const up = once(channel, 'ChannelStateChange');
    await call(channel, 'answer');
    expect((await up).r.state).toBe('Up');
    const playback = client.Playback();
    const playing = once(playback, 'PlaybackStarted');
    const finished = once(playback, 'PlaybackFinished');
    const reply = await call(channel, 'play', { media: 'sound:hello-world' }, playback);
    expect([reply.id, reply.state, reply.target_uri]).toEqual([playback.id, 'queued', `channel:${caller.id}`]);
    expect((await playing).e.playback).toMatchObject({ state: 'playing' });
    expect((await finished).e.playback).toMatchObject({ state: 'done' });
    const ended = once(channel, 'StasisEnd');
    await call(channel, 'hangup');
    await ended;
    await until(() => caller.gone);
    expect(caller.vars.get('STASISSTATUS')).toBe('SUCCESS');
    expect(caller.hangupCause).toBe(16);
  });

  it('bridges the caller with an agent it originates to PJSIP/1001, then destroys the bridge (f2)', async () => {
    h = await startHarness({ autoAnswerMs: 200 });
    client = await ari.connect(h.url, 'cti', 'cti-secret');
    const inbound = once(client, 'StasisStart', (e) => (e.args as string[])[0] === 'inbound');
    const agentIn = once(client, 'StasisStart', (e) => (e.args as string[])[0] === 'agent-leg');
    await client.start('cti');
    placeInboundCall(h.engine, { exten: '6000' });
    const { r: caller } = await inbound;
    await call(caller, 'answer');
    const bridge = client.Bridge();
    const created = await call(bridge, 'create', { type: 'mixing', name: 'cti-call-1' });
    expect([created.id, created.bridge_type, created.bridge_class, created.technology]).toEqual([bridge.id, 'mixing', 'stasis', 'simple_bridge']);
    await call(bridge, 'addChannel', { channel: caller.id });
    const agent = client.Channel();
    const dialled = await call(agent, 'originate', { endpoint: 'PJSIP/1001', app: 'cti', appArgs: `agent-leg,${bridge.id}`, callerId: 'Customer 2001 <2001>' });
    expect([dialled.id, dialled.state, dialled.name]).toEqual([agent.id, 'Down', expect.stringMatching(/^PJSIP\/1001-[0-9a-f]{8}$/)]);
    const { e: agentStart, r: agentLeg } = await agentIn;
    expect(agentStart.args).toEqual(['agent-leg', bridge.id]);
    expect(agentLeg.id).toBe(agent.id);
    await call(bridge, 'addChannel', { channel: agentLeg.id });
    const live = await call(bridge, 'get');
    expect([live.channels, live.technology]).toEqual([[caller.id, agentLeg.id], 'native_rtp']);
    const agentGone = once(agentLeg, 'ChannelDestroyed');
    await call(agentLeg, 'hangup');
    expect((await agentGone).e.cause).toBe(16);
    const destroyed = once(bridge, 'BridgeDestroyed');
    const callerLeft = once(caller, 'ChannelLeftBridge');
    await call(bridge, 'destroy');
    await destroyed;
    await callerLeft;
    expect((await client.channels.list()).map((c) => c.id)).toEqual([caller.id]);
    const ended = once(caller, 'StasisEnd');
    await call(caller, 'hangup');
    await ended;
    await until(() => h!.engine.listChannels().length === 0);
  });

  it('runs the rest of the REST operations Ringside uses through the library: hold, mute, DTMF, variables, playbacks, endpoints, applications, info, continue, redirect', async () => {
    h = await startHarness({ autoAnswerMs: 200 });
    client = await ari.connect(h.url, 'cti', 'cti-secret');
    const firstIn = once(client, 'StasisStart');
    await client.start('cti');
    const first = placeInboundCall(h.engine, { exten: '6000' });
    const { r: channel } = await firstIn;
    await call(channel, 'answer');

    expect((await client.channels.get({ channelId: first.id })).state).toBe('Up');
    const held = once(channel, 'ChannelHold');
    await call(channel, 'hold');
    await held;
    await call(channel, 'unhold');
    await call(channel, 'mute', { direction: 'in' });
    await call(channel, 'unmute', { direction: 'in' });
    await call(channel, 'sendDTMF', { dtmf: '5' });
    await call(channel, 'setChannelVar', { variable: 'RINGSIDE_CASE', value: 'C-7' });
    expect((await call(channel, 'getChannelVar', { variable: 'RINGSIDE_CASE' })).value).toBe('C-7');

    const playback = client.Playback();
    await call(channel, 'play', { media: 'sound:silence/10' }, playback);
    expect((await client.playbacks.get({ playbackId: playback.id })).id).toBe(playback.id);
    const stopped = once(playback, 'PlaybackFinished');
    await call(playback, 'stop');
    await stopped;

    expect((await client.endpoints.list()).map((e) => e.resource)).toEqual(expect.arrayContaining(['1001', '1002', '1003']));
    expect((await client.endpoints.listByTech({ tech: 'PJSIP' })).length).toBeGreaterThan(2);
    expect((await client.endpoints.get({ tech: 'PJSIP', resource: '1001' })).technology).toBe('PJSIP');
    expect((await client.applications.list()).map((a) => a.name)).toContain('cti');
    expect((await client.applications.get({ applicationName: 'cti' })).channel_ids).toContain(first.id);
    expect((await client.applications.subscribe({ applicationName: 'cti', eventSource: 'endpoint:PJSIP/1002' })).endpoint_ids).toContain('PJSIP/1002');
    expect(await client.asterisk.getInfo()).toHaveProperty('system');
    expect(await client.bridges.list()).toEqual([]);

    // continue hands the call back to the dial plan; StasisEnd follows.
    const leftApp = once(channel, 'StasisEnd');
    await call(channel, 'continueInDialplan');
    await leftApp;

    // A second call is redirected to another endpoint.
    const secondIn = once(client, 'StasisStart', (e) => (e.channel as { id: string }).id !== first.id);
    const second = placeInboundCall(h.engine, { exten: '6000' });
    const { r: other } = await secondIn;
    await call(other, 'answer');
    const redirected = once(other, 'StasisEnd');
    await call(other, 'redirect', { endpoint: 'PJSIP/1002' });
    await redirected;
    expect(second.id).toBe(other.id);
  });
});
