import { afterEach, describe, expect, it } from '@jest/globals';
import { ariRoutes } from './routes/index.js';
import { MODELS } from './ari-models.js';
import { recordedApiDoc, rest, startHarness, TRACES, type AriHarness } from './testing/ari-test-kit.js';

const maybe = TRACES ? describe : describe.skip;
if (!TRACES) process.stdout.write('ARI api-docs tests skipped: ../shared/asterisk/traces is absent\n');

interface Param {
  name: string;
  paramType: string;
  required?: boolean;
  allowMultiple?: boolean;
  dataType: string;
}
interface Operation {
  httpMethod: string;
  nickname: string;
  responseClass: string;
  parameters?: Param[];
  errorResponses?: { code: number | string }[];
}
interface Doc {
  basePath: string;
  apis: { path: string; operations: Operation[] }[];
  models: Record<string, { properties: Record<string, { type: string; required?: boolean }> }>;
}

/** What must agree for a client to call an operation; a path parameter is required by Swagger 1.2 even where Asterisk omits the flag. */
function signature(path: string, op: Operation): unknown {
  return {
    path,
    httpMethod: op.httpMethod,
    nickname: op.nickname,
    responseClass: op.responseClass,
    parameters: (op.parameters ?? []).map((p) => ({
      name: p.name,
      paramType: p.paramType,
      required: p.required ?? p.paramType === 'path',
      allowMultiple: p.allowMultiple ?? false,
      dataType: p.dataType,
    })),
    errorCodes: (op.errorResponses ?? []).map((e) => Number(e.code)).sort(),
  };
}

maybe('ARI api-docs describe what pbx-sim serves, as Asterisk 22 describes it', () => {
  let h: AriHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('every served operation has the recorded signature', async () => {
    h = await startHarness();
    const listing = (await rest(h.url, 'GET', '/api-docs/resources.json')).body as { basePath: string; apis: { path: string }[] };
    expect(listing.basePath).toBe(`${h.url}/ari`);
    const names = listing.apis.map((a) => /\/api-docs\/(\w+)\.\{format\}/.exec(a.path)![1]!);
    expect(names).toEqual(['asterisk', 'endpoints', 'channels', 'bridges', 'playbacks', 'events', 'applications']);
    let compared = 0;
    for (const name of names) {
      const served = (await rest(h.url, 'GET', `/api-docs/${name}.json`)).body as Doc;
      const recorded = recordedApiDoc(name) as unknown as Doc;
      expect(served.basePath).toBe(`${h.url}/ari`);
      for (const api of served.apis) {
        for (const op of api.operations) {
          const twin = recorded.apis.find((a) => a.path === api.path)?.operations.find((o) => o.httpMethod === op.httpMethod);
          expect(signature(api.path, op)).toEqual(twin ? signature(api.path, twin) : `no recorded ${op.httpMethod} ${api.path}`);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(ariRoutes.length);
  });

  it('every served model has the recorded properties, types and required flags', () => {
    const recordedModels = new Map<string, Doc['models'][string]>();
    for (const name of ['asterisk', 'endpoints', 'channels', 'bridges', 'playbacks', 'events', 'applications']) {
      for (const [id, m] of Object.entries((recordedApiDoc(name) as unknown as Doc).models)) recordedModels.set(id, m);
    }
    const props = (m: Doc['models'][string]) => Object.fromEntries(Object.entries(m.properties).map(([k, p]) => [k, { type: p.type, required: p.required ?? null }]));
    for (const m of Object.values(MODELS).flat()) {
      const rec = recordedModels.get(m.id);
      expect({ id: m.id, props: props(m as Doc['models'][string]) }).toEqual({ id: m.id, props: rec ? props(rec) : 'not recorded' });
    }
  });

  it('an unknown resource document is a 404 and the listing is only served to GET', async () => {
    h = await startHarness();
    expect((await rest(h.url, 'GET', '/api-docs/recordings.json')).status).toBe(404);
    const post = await rest(h.url, 'POST', '/api-docs/resources.json');
    expect([post.status, post.body]).toEqual([405, { message: 'Unsupported method' }]);
  });
});
