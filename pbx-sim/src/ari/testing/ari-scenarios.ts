import { placeInboundCall } from '../../engine/calls.js';
import { openEvents, rest, until, type AriEvent, type AriHarness } from './ari-test-kit.js';

/** One REST exchange of a replayed scenario, keyed like rest-log.jsonl (method + path with query). */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

/** What replaying a recorded scenario produced. */
export interface Replay {
  events: AriEvent[];
  exchanges: Exchange[];
}

async function call(h: AriHarness, log: Exchange[], method: string, url: string): Promise<Exchange> {
  const r = await rest(h.url, method, url);
  const x = { method, url: `/ari${url}`, status: r.status, body: r.body };
  log.push(x);
  return x;
}

const stasisStart = (args0: string) => (e: AriEvent) => e.type === 'StasisStart' && (e.args as string[])[0] === args0;

/** f-ari-stasis: a customer calls 6000; the app answers, plays hello-world, hangs up. */
export async function replayF(h: AriHarness): Promise<Replay> {
  const ws = await openEvents(h.url, 'cti');
  const log: Exchange[] = [];
  placeInboundCall(h.engine, { exten: '6000' });
  const start = await ws.next(stasisStart('inbound'));
  const id = (start.channel as { id: string }).id;
  await call(h, log, 'GET', '/channels');
  await call(h, log, 'GET', `/channels/${id}/variable?variable=CALLERID%28num%29`);
  await call(h, log, 'POST', `/channels/${id}/answer`);
  await call(h, log, 'POST', `/channels/${id}/play?media=sound%3Ahello-world&lang=en&playbackId=pb-hello-1`);
  await ws.next((e) => e.type === 'PlaybackFinished');
  await call(h, log, 'DELETE', `/channels/${id}?reason=normal`);
  await ws.next((e) => e.type === 'StasisEnd');
  await until(() => h.engine.listChannels().length === 0);
  ws.close();
  return { events: ws.events, exchanges: log };
}

/** f2-ari-bridge-originate: a mixing bridge, the caller in it with music, an originated agent leg joins. */
export async function replayF2(h: AriHarness): Promise<Replay> {
  const ws = await openEvents(h.url, 'cti');
  const log: Exchange[] = [];
  placeInboundCall(h.engine, { exten: '6000' });
  const start = await ws.next(stasisStart('inbound'));
  const id = (start.channel as { id: string }).id;
  await call(h, log, 'POST', `/channels/${id}/answer`);
  await call(h, log, 'POST', `/channels/${id}/ring`);
  await call(h, log, 'POST', '/bridges?type=mixing&name=cti-call-1&bridgeId=cti-bridge-1');
  await call(h, log, 'POST', `/bridges/cti-bridge-1/addChannel?channel=${id}`);
  await call(h, log, 'POST', '/bridges/cti-bridge-1/moh?mohClass=default');
  await call(h, log, 'POST', '/channels?endpoint=PJSIP%2F1001&app=cti&appArgs=agent-leg%2Ccti-bridge-1&callerId=Customer+2001+%3C2001%3E&timeout=30&channelId=agent-leg-1&otherChannelId=agent-leg-1-other');
  await ws.next(stasisStart('agent-leg'));
  await call(h, log, 'DELETE', '/bridges/cti-bridge-1/moh');
  await call(h, log, 'POST', '/bridges/cti-bridge-1/addChannel?channel=agent-leg-1');
  await call(h, log, 'GET', '/bridges');
  await call(h, log, 'GET', '/bridges/cti-bridge-1');
  await call(h, log, 'GET', '/channels');
  await call(h, log, 'GET', '/endpoints');
  await call(h, log, 'DELETE', '/channels/agent-leg-1');
  await ws.next((e) => e.type === 'ChannelDestroyed');
  await call(h, log, 'DELETE', `/channels/${id}`);
  await ws.next((e) => e.type === 'StasisEnd' && (e.channel as { id: string }).id === id);
  await call(h, log, 'DELETE', '/bridges/cti-bridge-1');
  await ws.next((e) => e.type === 'BridgeDestroyed');
  await until(() => h.engine.listChannels().length === 0);
  ws.close();
  return { events: ws.events, exchanges: log };
}
