import { afterEach, describe, expect, it } from '@jest/globals';
import { openEvents, recordedRest, rest, startHarness, TRACES, type AriHarness } from './testing/ari-test-kit.js';
import { replayF, replayF2, type Exchange } from './testing/ari-scenarios.js';
import { maskValue } from './testing/event-shape.js';

const maybe = TRACES ? describe : describe.skip;
if (!TRACES) process.stdout.write('ARI REST tests skipped: ../shared/asterisk/traces is absent\n');

/** Lists come back in Asterisk's container order, which is a hash order: compare them as sets. */
function canonical(v: unknown): unknown {
  const m = maskValue(v);
  if (Array.isArray(m)) return m.map((x) => JSON.stringify(x)).sort();
  return m;
}

const maskUrl = (u: string) => u.replace(/\d{9,}\.\d+/g, '<uniqueid>');

/** Every replayed exchange must have its recorded twin with the same status and an equal masked body. */
function compareWithRecording(exchanges: Exchange[]): number {
  const recorded = recordedRest();
  let compared = 0;
  for (const x of exchanges) {
    const twin = recorded.find((r) => r.method === x.method && maskUrl(r.url) === maskUrl(x.url) && JSON.stringify(canonical(r.body)) === JSON.stringify(canonical(x.body)));
    const sameUrl = recorded.filter((r) => r.method === x.method && maskUrl(r.url) === maskUrl(x.url));
    expect({ request: `${x.method} ${x.url}`, status: x.status, body: canonical(x.body) }).toEqual(
      twin ? { request: `${x.method} ${x.url}`, status: twin.status, body: canonical(twin.body) } : { request: `${x.method} ${x.url}`, status: sameUrl[0]?.status, body: sameUrl.map((r) => canonical(r.body)) },
    );
    compared += 1;
  }
  return compared;
}

/** Primitive values replaced by their type: for replies whose values describe the host. */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));
  return typeof v;
}

maybe('ARI REST replies match a real Asterisk 22', () => {
  let h: AriHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('during the Stasis scenario every reply has the recorded status and body (f-ari-stasis)', async () => {
    h = await startHarness();
    const run = await replayF(h);
    expect(compareWithRecording(run.exchanges)).toBe(5);
  });

  it('during the bridge-and-originate scenario every reply has the recorded status and body (f2)', async () => {
    h = await startHarness({ autoAnswerMs: 300 });
    const run = await replayF2(h);
    expect(compareWithRecording(run.exchanges)).toBe(15);
  });

  it('an idle switch with the app connected answers the recorded inventory queries', async () => {
    h = await startHarness();
    const ws = await openEvents(h.url, 'cti');
    const recorded = recordedRest();
    const idle = (url: string) => recorded.find((r) => r.url === url)!;
    for (const url of ['/ari/applications', '/ari/applications/cti', '/ari/endpoints', '/ari/endpoints/PJSIP/1001', '/ari/channels', '/ari/bridges']) {
      const r = await rest(h.url, 'GET', url.slice(4));
      expect({ url, status: r.status, body: canonical(r.body) }).toEqual({ url, status: 200, body: canonical(idle(url).body) });
    }
    const info = await rest(h.url, 'GET', '/asterisk/info');
    expect(shapeOf(info.body)).toEqual(shapeOf(idle('/ari/asterisk/info').body));
    expect((info.body as { system: { version: string } }).system.version).toBe('22.10.1');
    const only = await rest(h.url, 'GET', '/asterisk/info?only=system');
    expect(Object.keys(only.body as object)).toEqual(['system']);
    ws.close();
  });

  it('an unknown channel is a 404 with the recorded body', async () => {
    h = await startHarness();
    const r = await rest(h.url, 'GET', '/channels/nonexistent-id');
    const rec = recordedRest().find((x) => x.url === '/ari/channels/nonexistent-id')!;
    expect({ status: r.status, body: r.body }).toEqual({ status: rec.status, body: rec.body });
    expect(r.text).toBe('{"message":"Channel not found"}');
  });

  it('without valid credentials every request is refused with 401 and a Basic challenge', async () => {
    h = await startHarness();
    for (const auth of [null, { user: 'cti', pass: 'wrong' }, { user: 'nobody', pass: 'cti-secret' }]) {
      const r = await rest(h.url, 'GET', '/channels', auth);
      expect(r.status).toBe(401);
      expect(r.text).toBe('{"message":"Authentication required"}');
      expect(r.headers.get('www-authenticate')).toBe('Basic realm="Asterisk REST Interface"');
    }
    const docs = await rest(h.url, 'GET', '/api-docs/resources.json', null);
    expect(docs.status).toBe(401);
    const byKey = await rest(h.url, 'GET', '/channels?api_key=cti:cti-secret', null);
    expect({ status: byKey.status, body: byKey.body }).toEqual({ status: 200, body: [] });
  });

  it('misuse gets the status and message Asterisk gives', async () => {
    h = await startHarness();
    const ws = await openEvents(h.url, 'cti');
    const call = async (method: string, url: string) => {
      const r = await rest(h!.url, method, url);
      return [r.status, (r.body as { message?: string }).message];
    };
    expect(await call('GET', '/nothing-here')).toEqual([404, 'Resource not found']);
    expect(await call('GET', '/channels/')).toEqual([404, 'ARI URLs do not end with a slash. Try /ari/channels']);
    expect(await call('PUT', '/channels')).toEqual([405, 'Invalid method']);
    expect(await call('POST', '/channels/nope/answer')).toEqual([404, 'Channel not found']);
    expect(await call('GET', '/bridges/nope')).toEqual([404, 'Bridge not found']);
    expect(await call('GET', '/playbacks/nope')).toEqual([404, 'Playback not found']);
    expect(await call('GET', '/applications/nope')).toEqual([404, 'Application not found']);
    expect(await call('GET', '/endpoints/SIP')).toEqual([404, 'No Endpoints found - invalid tech SIP']);
    expect(await call('GET', '/endpoints/PJSIP/9999')).toEqual([404, 'Endpoint not found']);
    expect(await call('POST', '/channels?endpoint=PJSIP')).toEqual([400, 'Invalid endpoint specified']);
    expect(await call('POST', '/channels?endpoint=PJSIP/1001')).toEqual([400, 'Application or extension must be specified']);
    expect(await call('POST', '/bridges?bridgeId=b1')).toEqual([200, undefined]);
    expect(await call('POST', '/bridges?bridgeId=b1')).toEqual([409, "Bridge with id 'b1' already exists"]);
    expect(await call('POST', '/bridges/b1/addChannel?channel=ghost')).toEqual([400, 'Channel not found']);
    expect(await call('POST', '/bridges/b1/addChannel')).toEqual([400, 'Missing parameter channel']);
    expect(await call('DELETE', '/bridges/b1/moh')).toEqual([409, "Bridge isn't playing music"]);
    // A channel ringing in a queue is not in Stasis: 409, and its bridge operations say 422.
    h.engine.endpoints.all().forEach((ep) => (ep.autoAnswerMs = null));
    const { placeInboundCall } = await import('../engine/calls.js');
    const queued = placeInboundCall(h.engine, { exten: '5001' });
    expect(await call('POST', `/channels/${queued.id}/answer`)).toEqual([409, 'Channel not in Stasis application']);
    expect(await call('POST', `/bridges/b1/addChannel?channel=${queued.id}`)).toEqual([422, 'Channel not in Stasis application']);
    expect(await call('DELETE', `/channels/${queued.id}?reason=bogus`)).toEqual([400, 'Invalid reason for hangup reason provided']);
    expect(await call('DELETE', `/channels/${queued.id}?reason=busy&reason_code=17`)).toEqual([400, "The reason and reason_code can't both be specified"]);
    expect(await call('DELETE', `/channels/${queued.id}`)).toEqual([204, undefined]);
    ws.close();
  });
});
