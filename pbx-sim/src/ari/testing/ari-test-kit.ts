import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { Engine } from '../../engine/engine.js';
import { loadConfig } from '../../config/load-config.js';
import { tracesDir } from '../../fidelity/trace-reader.js';
import { startAriServer, type AriServer } from '../index.js';

/** The reference recordings, or undefined (tests then skip with a notice). */
export const TRACES = tracesDir();

/** A simulated switch built from the reference configuration, with ARI on a free port. */
export interface AriHarness {
  engine: Engine;
  server: AriServer;
  url: string;
  close(): Promise<void>;
}

export async function startHarness(o: { autoAnswerMs?: number; promptMs?: number } = {}): Promise<AriHarness> {
  if (!TRACES) throw new Error('reference traces are absent');
  const logs: string[] = [];
  const engine = new Engine({
    config: loadConfig(path.resolve(TRACES, '..', 'conf')),
    promptMs: o.promptMs ?? 150,
    ...(o.autoAnswerMs !== undefined ? { autoAnswerMs: o.autoAnswerMs } : {}),
    log: (level, m) => logs.push(`${level}: ${m}`),
  });
  const server = await startAriServer({ engine, port: 0, asteriskId: '02:fc:00:00:00:01' });
  return {
    engine,
    server,
    url: server.url,
    async close() {
      await server.close();
      engine.shutdown();
    },
  };
}

/** A REST call with the reference user's credentials (or none / others). */
export async function rest(
  url: string,
  method: string,
  pathAndQuery: string,
  auth: { user: string; pass: string } | null = { user: 'cti', pass: 'cti-secret' },
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
  const res = await fetch(`${url}/ari${pathAndQuery}`, { method, headers });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text) as unknown;
  return { status: res.status, body, text, headers: res.headers };
}

/** An ARI event as received: a JSON object. */
export type AriEvent = Record<string, unknown> & { type: string };

/** A raw /ari/events connection that records every message verbatim. */
export interface EventSocket {
  events: AriEvent[];
  raw: string[];
  /** Resolves with the first recorded (or future) event matching `pred`. */
  next(pred: (e: AriEvent) => boolean, timeoutMs?: number): Promise<AriEvent>;
  close(): void;
}

export async function openEvents(url: string, app: string): Promise<EventSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=${app}&api_key=cti:cti-secret`);
  const events: AriEvent[] = [];
  const raw: string[] = [];
  const waiters: { pred: (e: AriEvent) => boolean; resolve: (e: AriEvent) => void; from: number }[] = [];
  ws.on('message', (data) => {
    const text = String(data as Buffer);
    raw.push(text);
    const e = JSON.parse(text) as AriEvent;
    events.push(e);
    for (const w of [...waiters]) {
      if (w.pred(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    events,
    raw,
    next(pred, timeoutMs = 5000) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timed out waiting for an ARI event')), timeoutMs);
        waiters.push({ pred, from: events.length, resolve: (e) => { clearTimeout(t); resolve(e); } });
      });
    },
    close: () => ws.close(),
  };
}

/** The recorded WebSocket messages of a scenario, parsed. */
export function recordedEvents(scenario: string): AriEvent[] {
  return readFileSync(path.join(TRACES!, `ari-${scenario}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AriEvent);
}

/** The recorded REST replies (rest-log.jsonl). */
export function recordedRest(): { method: string; url: string; status: number; body: unknown }[] {
  return readFileSync(path.join(TRACES!, 'ari-rest', 'rest-log.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { method: string; url: string; status: number; body: unknown });
}

export function recordedApiDoc(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(TRACES!, 'ari-api-docs', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** Waits until `cond` holds, polling (used for engine-side facts, not for timing assertions). */
export async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}
