import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, startTestServer, type TestServer } from './test-server.js';

describe('health, readiness and the console', () => {
  let t: TestServer;
  let consoleDir: string;

  beforeAll(async () => {
    consoleDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-console-'));
    t = await startTestServer({ SEED_DEMO: 'false', CONSOLE_DIR: consoleDir, PBX_MODE: 'simulated' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await rm(consoleDir, { recursive: true, force: true });
  });

  it('/healthz answers 200 without a session', async () => {
    const res = await api(t.url, '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('/readyz reports the database driver and the embedded switch once its AMI connection is up', async () => {
    // The AMI client connects in the background after start; readiness follows it.
    let res = await api(t.url, '/readyz');
    for (let i = 0; i < 100 && res.body?.pbx?.state !== 'connected'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await api(t.url, '/readyz');
    }
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ready: true, database: { ok: true, driver: 'pglite' }, pbx: { state: 'connected', mode: 'simulated' } });
  });

  it('/readyz turns 503 while the switch is unreachable', async () => {
    const sim = t.server.parts().pbx.sim;
    if (!sim) throw new Error('this suite runs the embedded switch');
    await sim.stop();
    let res = await api(t.url, '/readyz');
    for (let i = 0; i < 100 && res.body?.pbx?.state === 'connected'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await api(t.url, '/readyz');
    }
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ready: false, pbx: { mode: 'simulated' } });
    expect(res.body.pbx.state).not.toBe('connected');
  });

  it('before the console is built, / says how to build it with a 503', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('once built, the console is served with an SPA fallback, while /api stays JSON', async () => {
    await mkdir(path.join(consoleDir, 'assets'), { recursive: true });
    await writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>Ringside</title><div id="root"></div>');
    await writeFile(path.join(consoleDir, 'assets', 'app.js'), 'console.log("ringside")');
    const index = await fetch(`${t.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Ringside</title>');
    const deep = await fetch(`${t.url}/customers/42`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    const asset = await fetch(`${t.url}/assets/app.js`);
    expect(await asset.text()).toBe('console.log("ringside")');
    expect((await api(t.url, '/api/customers')).status).toBe(401);
  });

  it('sends the console bundle compressed to a browser that accepts gzip', async () => {
    const bundle = `export const messages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `message ${i}: the caller is waiting`))};`;
    await mkdir(path.join(consoleDir, 'assets'), { recursive: true });
    await writeFile(path.join(consoleDir, 'assets', 'bundle.js'), bundle);
    const { status, headers, body } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${t.url}/assets/bundle.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    expect(body.length).toBeLessThan(bundle.length / 4);
    expect(gunzipSync(body).toString()).toBe(bundle);
  });

  it('/readyz turns 503 with the reason when the database stops answering', async () => {
    await t.server.parts().database.close();
    const res = await api(t.url, '/readyz');
    expect(res.status).toBe(503);
    expect(res.body.ready).toBe(false);
    expect(res.body.database).toMatchObject({ ok: false, driver: 'pglite', error: expect.stringContaining('unavailable') });
  });
});
