import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loginCookie, startTestServer, type TestServer } from './test-server.js';
import { appEndpoints, type Endpoint } from './route-walk.js';

const segment = fc.oneof(
  fc.string({ maxLength: 16 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 8 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '1', '-1', '0', '99999999999999999999', '00000000-0000-0000-0000-000000000000', 'x'.repeat(300), 'login', 'pause', 'hangup'),
);
const query = fc.dictionary(fc.constantFrom('q', 'limit', 'offset', 'page', 'sort', 'id', 'phone', '%', 'a[b]'), fc.oneof(fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.constantFrom('%', '-1', '1e9', '', '%ff')), { maxKeys: 3 });
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'garbage/');
const contentEncoding = fc.constantFrom(undefined, undefined, undefined, 'gzip', 'deflate', 'br', 'identity', 'x-unknown');
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.object({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? '{}'),
  fc.string({ maxLength: 64 }),
  fc.constantFrom('', '{', 'null', '[]', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
);

describe('no request to any route answers 5xx', () => {
  let t: TestServer;
  let endpoints: Endpoint[];
  let consoleDir: string;
  const cookies: Record<'admin' | 'agent', string> = { admin: '', agent: '' };
  const relogin = async () => {
    cookies.admin = await loginCookie(t.url, 'admin', 'admin-demo');
    cookies.agent = await loginCookie(t.url, 'agent1', 'agent-demo');
  };

  beforeAll(async () => {
    consoleDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-fuzz-console-'));
    await writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>Ringside</title>');
    t = await startTestServer({ PBX_MODE: 'simulated', SIM_AUTO_ANSWER_MS: '0', LOGIN_RATE_LIMIT: '10000', CONSOLE_DIR: consoleDir });
    endpoints = appEndpoints(t.server.parts().app);
    await relogin();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await rm(consoleDir, { recursive: true, force: true });
  });

  it('the walk finds the REST, dial-plan and CTI command routes', () => {
    const paths = endpoints.map((e) => `${e.method} ${e.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/customers/:id', 'POST /api/commands/:name', 'POST /api/calls/:callId/:name']));
    expect(paths.some((p) => p.includes('/api/dialplan'))).toBe(true);
  });

  it('generated paths, queries, headers and bodies, as admin and as agent, never get a 5xx', async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        query,
        fc.record({ who: fc.constantFrom('admin', 'agent', 'nobody'), contentType, contentEncoding, body, sameOrigin: fc.boolean() }),
        async (endpoint, segments, q, r) => {
          let n = 0;
          const pathName = endpoint.path.replace(/:[A-Za-z]+/g, () => segments[n++ % segments.length]!);
          const search = Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
          const headers: Record<string, string> = {};
          if (r.who !== 'nobody') headers['cookie'] = cookies[r.who];
          if (r.contentType) headers['content-type'] = r.contentType;
          if (r.contentEncoding) headers['content-encoding'] = r.contentEncoding;
          if (r.sameOrigin) headers['origin'] = t.url;
          const withBody = endpoint.method !== 'GET' && endpoint.method !== 'HEAD';
          const res = await fetch(`${t.url}${pathName}${search ? `?${search}` : ''}`, { method: endpoint.method, headers, body: withBody ? r.body : null });
          const text = await res.text();
          if (res.status >= 500) failures.push(`${res.status} ${endpoint.method} ${pathName}?${search} ${JSON.stringify(r)} -> ${text.slice(0, 200)}`);
          if (endpoint.path === '/api/auth/logout') await relogin();
          return true;
        },
      ),
      { seed: 21, numRuns: 2000 },
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
