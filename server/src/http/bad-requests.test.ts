import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createServer, type RingsideServer } from '../main.js';
import { loginCookie } from './test-server.js';

describe('requests the HTTP stack cannot read are the client\'s fault, never a 500', () => {
  let server: RingsideServer;
  let url: string;
  let dir: string;
  let cookie: string;
  const errors: string[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (message) => errors.push(message) };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bad-requests-'));
    server = createServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, PBX_MODE: 'none', CONSOLE_DIR: path.join(dir, 'none') }), { logger });
    url = `http://127.0.0.1:${(await server.start()).port}`;
    cookie = await loginCookie(url, 'admin', 'admin-demo');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function send(pathName: string, init: { headers?: Record<string, string>; body?: string | Uint8Array; method?: string } = {}) {
    const res = await fetch(`${url}${pathName}`, { method: init.method ?? 'POST', headers: { cookie, 'content-type': 'application/json', ...init.headers }, body: init.body ?? null });
    return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
  }

  it.each([
    ['a gzip Content-Encoding over a body that is not gzip', '/api/customers', { headers: { 'content-encoding': 'gzip' }, body: '{"name":"x"}' }, 400, 'INVALID_INPUT'],
    ['an unknown Content-Encoding', '/api/customers', { headers: { 'content-encoding': 'rot13' }, body: '{"name":"x"}' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['bad percent-encoding in the path', '/api/customers/%', { method: 'GET' }, 400, 'INVALID_INPUT'],
    ['malformed JSON', '/api/customers', { body: '{"name":' }, 400, 'INVALID_INPUT'],
    ['a body over the size limit', '/api/customers', { body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }) }, 413, 'PAYLOAD_TOO_LARGE'],
  ] as const)('%s answers %i %s and logs no error', async (_what, pathName, init, status, code) => {
    errors.length = 0;
    expect(await send(pathName, init)).toEqual({ status, code });
    expect(errors).toEqual([]);
  });
});
