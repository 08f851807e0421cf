import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTP_STATUS, RingsideError, isRingsideError, type ErrorCode } from '@ringside/shared';
import type { Engine } from '../engine/engine.js';
import { EngineError } from '../engine/types.js';
import { answerPhone, hold, placeInboundCall, rejectPhone, unhold } from '../engine/calls.js';
import { TrafficGenerator } from './traffic-generator.js';
import { parseCallBody, parseDtmfStyle, parseTrafficBody, parseTransport, requireString, optionalNumberOrNull } from './control-input.js';

type Params = Record<string, string>;
type Handler = (engine: Engine, params: Params, body: unknown) => unknown;

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new RingsideError('INVALID_INPUT', 'request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new RingsideError('INVALID_INPUT', 'body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function channelOrThrow(engine: Engine, name: string) {
  const ch = engine.findChannel(name);
  if (!ch || ch.gone) throw new RingsideError('CALL_NOT_FOUND', `no live channel '${name}'`);
  return ch;
}

/** HTTP JSON control of the simulated world: callers, phones, registrations, traffic. */
export class ControlServer {
  private readonly server: Server;
  readonly traffic: TrafficGenerator;
  private readonly routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];

  constructor(private readonly engine: Engine) {
    this.traffic = new TrafficGenerator(engine);
    this.route('GET', '/calls', (e) => listCalls(e));
    this.route('POST', '/calls', (e, _p, body) => {
      const ch = placeInboundCall(e, parseCallBody(body));
      return { channel: ch.name, uniqueid: ch.id, linkedid: ch.linkedid };
    });
    this.route('POST', '/channels/:channel/dtmf', (e, p, body) => {
      const style = parseDtmfStyle(body && typeof body === 'object' ? (body as Record<string, unknown>) : {}, '');
      e.receiveDtmf(channelOrThrow(e, p.channel!), requireString(body, 'digits', /^[0-9*#A-D]{1,32}$/i), style.durationMs, style.mode);
      return { ok: true };
    });
    this.route('POST', '/channels/:channel/hangup', (e, p) => {
      e.remoteHangup(channelOrThrow(e, p.channel!));
      return { ok: true };
    });
    this.route('POST', '/channels/:channel/hold', (e, p) => (hold(e, channelOrThrow(e, p.channel!)), { ok: true }));
    this.route('POST', '/channels/:channel/unhold', (e, p) => (unhold(e, channelOrThrow(e, p.channel!)), { ok: true }));
    this.route('POST', '/phones/:endpoint/answer', (e, p) => ({ channel: answerPhone(e, p.endpoint!).name }));
    this.route('POST', '/phones/:endpoint/reject', (e, p) => ({ channel: rejectPhone(e, p.endpoint!).name }));
    this.route('PUT', '/phones/:endpoint/auto-answer', (e, p, body) => {
      const ep = e.endpoints.get(p.endpoint!);
      if (!ep) throw new RingsideError('NOT_FOUND', `no endpoint '${p.endpoint}'`);
      ep.autoAnswerMs = optionalNumberOrNull(body, 'afterMs');
      return { endpoint: ep.name, autoAnswerMs: ep.autoAnswerMs };
    });
    this.route('PUT', '/phones/:endpoint/reject-calls', (e, p, body) => {
      const ep = e.endpoints.get(p.endpoint!);
      if (!ep) throw new RingsideError('NOT_FOUND', `no endpoint '${p.endpoint}'`);
      ep.rejectCalls = (body as { reject?: unknown }).reject === true;
      return { endpoint: ep.name, rejectCalls: ep.rejectCalls };
    });
    // A browser phone registers over WebSocket ({ "transport": "ws" }, as i-ws-register); a desk phone over UDP.
    this.route('POST', '/endpoints/:endpoint/register', (e, p, body) => (e.endpoints.register(p.endpoint!, undefined, { transport: parseTransport(body) }), { ok: true }));
    this.route('POST', '/endpoints/:endpoint/unregister', (e, p) => (e.endpoints.unregister(p.endpoint!), { ok: true }));
    this.route('GET', '/endpoints', (e) => e.endpoints.all().map((ep) => ({ name: ep.name, registered: ep.reachable, autoAnswerMs: ep.autoAnswerMs, state: e.devices.get(`PJSIP/${ep.name}`) })));
    this.route('GET', '/traffic', () => this.traffic.snapshot());
    this.route('POST', '/traffic', (_e, _p, body) => (this.traffic.start(parseTrafficBody(body)), this.traffic.snapshot()));
    this.route('DELETE', '/traffic', () => (this.traffic.stop(), this.traffic.snapshot()));
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  private route(method: string, path: string, handler: Handler): void {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:([a-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, keys, handler });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const matching = this.routes.filter((r) => r.pattern.test(url.pathname));
      const route = matching.find((r) => r.method === req.method);
      if (!route) throw new RingsideError('NOT_FOUND', matching.length ? `method ${req.method} not allowed` : `no route ${url.pathname}`);
      const m = route.pattern.exec(url.pathname)!;
      const params: Params = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readBody(req);
      const result = route.handler(this.engine, params, body);
      send(req.method === 'POST' && route.keys.length === 0 ? 201 : 200, result);
    } catch (e) {
      const err = isRingsideError(e) ? e : e instanceof EngineError ? new RingsideError('PBX_REJECTED', e.message) : e instanceof RangeError ? new RingsideError('INVALID_INPUT', e.message) : new RingsideError('INTERNAL', 'internal error');
      send(HTTP_STATUS[err.code as ErrorCode] ?? 500, err.toBody());
    }
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const a = this.server.address();
        resolve(typeof a === 'object' && a ? a.port : port);
      });
    });
  }

  close(): Promise<void> {
    this.traffic.stop();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Live calls grouped by Linkedid, oldest channel first. */
export function listCalls(engine: Engine): { linkedid: string; channels: { name: string; uniqueid: string; state: number; callerNum: string; connectedNum: string; context: string; exten: string; app: string; bridge: string | null }[] }[] {
  const groups = new Map<string, ReturnType<typeof listCalls>[number]>();
  for (const ch of engine.listChannels()) {
    let g = groups.get(ch.linkedid);
    if (!g) groups.set(ch.linkedid, (g = { linkedid: ch.linkedid, channels: [] }));
    g.channels.push({ name: ch.name, uniqueid: ch.id, state: ch.state, callerNum: ch.callerNum, connectedNum: ch.connectedNum, context: ch.context, exten: ch.exten, app: ch.appl, bridge: ch.bridgeId ?? null });
  }
  return [...groups.values()];
}
