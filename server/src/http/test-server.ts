import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '@ringside/shared';
import { loadConfig } from '../config.js';
import { createServer, type RingsideServer, type StartResult } from '../main.js';

/** A real server on port 0 over PGlite in a temp DATA_DIR, for HTTP scenario tests. */
export interface TestServer {
  server: RingsideServer;
  url: string;
  dataDir: string;
  started: StartResult;
  /** Stops the server and deletes its DATA_DIR (unless keepData). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ringside-test-')));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', PBX_MODE: 'none', SIM_CALLS_PER_SECOND: '0', CONSOLE_DIR: path.join(dir, 'no-console'), ...env });
  const server = createServer(config);
  const started = await server.start();
  return {
    server,
    url: `http://127.0.0.1:${started.port}`,
    dataDir: dir,
    started,
    async close(options = {}) {
      await server.stop();
      if (!options.keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in over HTTP; returns the Cookie header value to send back, or throws with the reply. */
export async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie') ?? '';
  const pair = set.split(';')[0] ?? '';
  if (!pair.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`no session cookie in ${set}`);
  return pair;
}

/** JSON request helper: returns status, headers and parsed body. */
export async function api(url: string, pathName: string, init: { method?: string; cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers['cookie'] = init.cookie;
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${pathName}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (the console's 503 page): keep the text.
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever shape the route returns
  return { status: res.status, headers: res.headers, body: body as any };
}

/** Polls `check` until it answers something truthy (a job finished, a row appeared); throws naming `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
