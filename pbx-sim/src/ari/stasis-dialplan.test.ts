import { afterEach, describe, expect, it } from '@jest/globals';
import { placeInboundCall } from '../engine/calls.js';
import { openEvents, rest, startHarness, TRACES, until, type AriHarness } from './testing/ari-test-kit.js';

const maybe = TRACES ? describe : describe.skip;
if (!TRACES) process.stdout.write('Stasis dial-plan tests skipped: ../shared/asterisk is absent\n');

const isStart = (e: { type: string }) => e.type === 'StasisStart';

maybe('Stasis() in the dial plan', () => {
  let h: AriHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when no WebSocket serves the app, Stasis fails and the dial plan goes on to hang up', async () => {
    h = await startHarness();
    const ch = placeInboundCall(h.engine, { exten: '6000' });
    await until(() => ch.gone);
    expect(ch.vars.get('STASISSTATUS')).toBe('FAILED');
    expect(ch.appl).toBe('Hangup');
  });

  it('continue without a target resumes at the next priority; with one, at that extension', async () => {
    h = await startHarness();
    const ws = await openEvents(h.url, 'cti');
    const first = placeInboundCall(h.engine, { exten: '6000' });
    await ws.next(isStart);
    expect((await rest(h.url, 'POST', `/channels/${first.id}/continue`)).status).toBe(204);
    await ws.next((e) => e.type === 'StasisEnd');
    await until(() => first.gone);
    expect([first.vars.get('STASISSTATUS'), first.priority, first.appl]).toEqual(['SUCCESS', 3, 'Hangup']);

    h.engine.endpoints.all().forEach((ep) => (ep.autoAnswerMs = null));
    const second = placeInboundCall(h.engine, { exten: '6000' });
    await ws.next((e) => isStart(e) && (e.channel as { id: string }).id === second.id);
    expect((await rest(h.url, 'POST', `/channels/${second.id}/continue?context=from-customers&extension=5001&priority=1`)).status).toBe(204);
    await until(() => second.runningApp === 'Queue');
    expect([second.context, second.exten, second.gone]).toEqual(['from-customers', '5001', false]);
    expect((await rest(h.url, 'POST', `/channels/${second.id}/answer`)).status).toBe(409);
    ws.close();
  });

  it('caller digits, hold and variables reach the app as ARI events and replies', async () => {
    h = await startHarness();
    const ws = await openEvents(h.url, 'cti');
    const ch = placeInboundCall(h.engine, { exten: '6000' });
    await ws.next(isStart);
    await rest(h.url, 'POST', `/channels/${ch.id}/answer`);
    h.engine.receiveDtmf(ch, '7');
    const dtmf = await ws.next((e) => e.type === 'ChannelDtmfReceived');
    expect([dtmf.digit, dtmf.duration_ms]).toEqual(['7', 100]);
    expect((await rest(h.url, 'POST', `/channels/${ch.id}/hold`)).status).toBe(204);
    expect((await ws.next((e) => e.type === 'ChannelHold')).musicclass).toBe('N/A');
    expect((await rest(h.url, 'POST', `/channels/${ch.id}/variable?variable=CTI_CASE&value=42`)).status).toBe(204);
    expect((await ws.next((e) => e.type === 'ChannelVarset' && e.variable === 'CTI_CASE')).value).toBe('42');
    expect((await rest(h.url, 'GET', `/channels/${ch.id}/variable?variable=CTI_CASE`)).body).toEqual({ value: '42' });
    const missing = await rest(h.url, 'GET', `/channels/${ch.id}/variable?variable=NOPE`);
    expect([missing.status, missing.body]).toEqual([404, { message: 'Provided variable was not found' }]);
    const pb = await rest(h.url, 'POST', `/channels/${ch.id}/play?media=sound:digits/1,sound:digits/2`);
    expect(pb.status).toBe(201);
    expect(pb.headers.get('location')).toBe(`/ari/playbacks/${(pb.body as { id: string }).id}`);
    expect(pb.body).toMatchObject({ media_uri: 'sound:digits/1', next_media_uri: 'sound:digits/2', state: 'queued' });
    expect((await rest(h.url, 'DELETE', `/playbacks/${(pb.body as { id: string }).id}`)).status).toBe(204);
    expect((await ws.next((e) => e.type === 'PlaybackFinished')).playback).toMatchObject({ state: 'done' });
    // A sound the switch does not have: the playback fails, nothing is heard.
    const missingSound = await rest(h.url, 'POST', `/channels/${ch.id}/play?media=sound:etc/passwd`);
    expect(missingSound.status).toBe(201);
    const failed = await ws.next((e) => e.type === 'PlaybackFinished' && (e.playback as { media_uri: string }).media_uri === 'sound:etc/passwd');
    expect(failed.playback).toMatchObject({ state: 'failed' });
    ws.close();
  });

  it('an app subscribed to everything hears about channels it does not own; a newer socket replaces an older one', async () => {
    h = await startHarness();
    const all = await openEventsAll(h.url);
    const ch = placeInboundCall(h.engine, { exten: '5001' });
    const created = await all.next((e) => e.type === 'ChannelCreated');
    expect((created.channel as { id: string }).id).toBe(ch.id);
    await all.next((e) => e.type === 'ChannelDialplan' && e.dialplan_app === 'Queue');
    const older = await openEvents(h.url, 'cti');
    const newer = await openEvents(h.url, 'cti');
    const replaced = await older.next((e) => e.type === 'ApplicationReplaced');
    expect(replaced.application).toBe('cti');
    const apps = (await rest(h.url, 'GET', '/applications')).body as { name: string }[];
    expect(apps.map((a) => a.name).sort()).toEqual(['cti', 'watcher']);
    all.close();
    older.close();
    newer.close();
  });
});

async function openEventsAll(url: string) {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=watcher&subscribeAll=true&api_key=cti:cti-secret`);
  const events: Record<string, unknown>[] = [];
  ws.on('message', (d) => events.push(JSON.parse(String(d)) as Record<string, unknown>));
  await new Promise((r) => ws.once('open', r));
  return {
    next: async (pred: (e: Record<string, unknown>) => boolean) => {
      await until(() => events.some(pred));
      return events.find(pred)!;
    },
    close: () => ws.close(),
  };
}
