import { RingsideError } from '@ringside/shared';
import type { InboundCallRequest } from '../engine/calls.js';
import type { DtmfMode } from '../engine/channel.js';
import type { TrafficOptions, TrafficTarget, DurationSpec } from './traffic-generator.js';

function obj(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RingsideError('INVALID_INPUT', 'body must be a JSON object');
  return body as Record<string, unknown>;
}

function bad(path: string, message: string): never {
  throw new RingsideError('INVALID_INPUT', `${path}: ${message}`, [{ path, message }]);
}

export function requireString(body: unknown, key: string, re?: RegExp): string {
  const v = obj(body)[key];
  if (typeof v !== 'string' || v === '') bad(key, 'required string');
  if (re && !re.test(v)) bad(key, `must match ${re}`);
  return v;
}

function optString(b: Record<string, unknown>, key: string, re: RegExp): string | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !re.test(v)) bad(key, `must be a string matching ${re}`);
  return v;
}

function optMs(b: Record<string, unknown>, key: string): number | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 86400000) bad(key, 'must be milliseconds between 0 and 86400000');
  return v;
}

export function optionalNumberOrNull(body: unknown, key: string): number | null {
  const v = obj(body)[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 3600000) bad(key, 'must be null or milliseconds between 0 and 3600000');
  return v;
}

/** POST /endpoints/:endpoint/register body: { transport?: 'udp' | 'ws' } (default udp). */
export function parseTransport(body: unknown): 'udp' | 'ws' {
  const t = body && typeof body === 'object' ? (body as Record<string, unknown>).transport : undefined;
  if (t === undefined) return 'udp';
  if (t !== 'udp' && t !== 'ws') bad('transport', "must be 'udp' or 'ws'");
  return t;
}

/** How the far end sends digits, and for how long each lasts (RFC 4733 events, or SIP INFO with a Duration). */
export function parseDtmfStyle(o: Record<string, unknown>, path: string): { mode?: DtmfMode; durationMs?: number } {
  const out: { mode?: DtmfMode; durationMs?: number } = {};
  if (o.mode !== undefined) {
    if (o.mode !== 'rfc4733' && o.mode !== 'info') bad(`${path}mode`, "must be 'rfc4733' or 'info'");
    out.mode = o.mode;
  }
  if (o.durationMs !== undefined) {
    if (typeof o.durationMs !== 'number' || !Number.isInteger(o.durationMs) || o.durationMs < 10 || o.durationMs > 10_000) bad(`${path}durationMs`, 'must be whole milliseconds between 10 and 10000');
    out.durationMs = o.durationMs;
  }
  return out;
}

/** POST /calls body: { exten, from?, context?, callerNum?, callerName?, patienceMs?, talkMs?, dtmf? }. */
export function parseCallBody(body: unknown): InboundCallRequest {
  const b = obj(body);
  const exten = requireString(b, 'exten', /^[0-9A-Za-z*#+]{1,32}$/);
  const dtmfRaw = b.dtmf;
  let dtmf: { digits: string; afterMs: number; mode?: DtmfMode; durationMs?: number }[] | undefined;
  if (dtmfRaw !== undefined) {
    if (!Array.isArray(dtmfRaw) || dtmfRaw.length > 20) bad('dtmf', 'must be an array of at most 20 { digits, afterMs, mode?, durationMs? }');
    dtmf = dtmfRaw.map((d, i) => {
      const o = obj(d);
      if (typeof o.digits !== 'string' || !/^[0-9*#A-D]{1,32}$/i.test(o.digits)) bad(`dtmf.${i}.digits`, 'must be DTMF digits');
      const afterMs = optMs(o, 'afterMs') ?? 0;
      return { digits: o.digits, afterMs, ...parseDtmfStyle(o, `dtmf.${i}.`) };
    });
  }
  const req: InboundCallRequest = { exten, behaviour: {} };
  const from = optString(b, 'from', /^[A-Za-z0-9_-]{1,40}$/);
  const context = optString(b, 'context', /^[A-Za-z0-9_-]{1,80}$/);
  const callerNum = optString(b, 'callerNum', /^[0-9+*#]{0,32}$/);
  const callerName = optString(b, 'callerName', /^[^\r\n]{0,80}$/);
  if (from) req.from = from;
  if (context) req.context = context;
  if (callerNum !== undefined) req.callerNum = callerNum;
  if (callerName !== undefined) req.callerName = callerName;
  const patienceMs = optMs(b, 'patienceMs');
  const talkMs = optMs(b, 'talkMs');
  if (patienceMs !== undefined) req.behaviour!.patienceMs = patienceMs;
  if (talkMs !== undefined) req.behaviour!.talkMs = talkMs;
  if (dtmf) req.behaviour!.dtmf = dtmf;
  return req;
}

function spec(b: Record<string, unknown>, key: string): DurationSpec | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  const o = obj(v);
  const meanMs = optMs(o, 'meanMs');
  if (meanMs === undefined) bad(`${key}.meanMs`, 'required');
  const out: DurationSpec = { meanMs };
  const minMs = optMs(o, 'minMs');
  const maxMs = optMs(o, 'maxMs');
  if (minMs !== undefined) out.minMs = minMs;
  if (maxMs !== undefined) out.maxMs = maxMs;
  return out;
}

function parseIvrMix(value: unknown, field: string): Record<string, number> {
  const mix = obj(value);
  let total = 0;
  for (const [k, v] of Object.entries(mix)) {
    if (!/^[0-9*#]$/.test(k) || typeof v !== 'number' || v < 0) bad(`${field}.${k}`, 'keys are single digits, values shares >= 0');
    total += v;
  }
  if (total > 1.000001) bad(field, 'shares must add up to at most 1');
  return mix as Record<string, number>;
}

/** POST /traffic body: { callsPerSecond, talk?, patience?, ivrMix?, exten?, targets? }; targets: several tenants' DIDs. */
export function parseTrafficBody(body: unknown): TrafficOptions {
  const b = obj(body);
  const cps = b.callsPerSecond;
  if (typeof cps !== 'number' || !(cps > 0) || cps > 1000) bad('callsPerSecond', 'must be a number in (0, 1000]');
  const out: TrafficOptions = { callsPerSecond: cps };
  const talk = spec(b, 'talk');
  const patience = spec(b, 'patience');
  if (talk) out.talk = talk;
  if (patience) out.patience = patience;
  if (b.ivrMix !== undefined) out.ivrMix = parseIvrMix(b.ivrMix, 'ivrMix');
  if (b.targets !== undefined) {
    if (!Array.isArray(b.targets) || b.targets.length === 0 || b.targets.length > 100) bad('targets', 'must be a list of 1-100 { exten, from?, ivrMix?, share? }');
    out.targets = (b.targets as unknown[]).map((t, i) => {
      const o = obj(t);
      const target: TrafficTarget = { exten: requireString(o, 'exten', /^[0-9A-Za-z*#+]{1,32}$/) };
      const from = optString(o, 'from', /^[0-9A-Za-z_.+-]{1,64}$/);
      if (from) target.from = from;
      if (o.ivrMix !== undefined) target.ivrMix = parseIvrMix(o.ivrMix, `targets.${i}.ivrMix`);
      if (o.share !== undefined) {
        if (typeof o.share !== 'number' || !(o.share > 0)) bad(`targets.${i}.share`, 'must be a number > 0');
        target.share = o.share;
      }
      return target;
    });
  }
  const exten = optString(b, 'exten', /^[0-9A-Za-z*#+]{1,32}$/);
  if (exten) out.exten = exten;
  return out;
}
