import type { IncomingMessage, ServerResponse } from 'node:http';
import { resourceDoc, resourceListing } from './api-docs.js';
import type { AriCore } from './ari-core.js';
import type { AriPlaybacks } from './ari-playbacks.js';
import { authenticate, type AriUser } from './ari-users.js';
import { AriError, type AriReply, type AriRequest, type RouteSpec } from './route-table.js';
import { ASTERISK_VERSION } from './routes/misc.js';

const MAX_BODY = 1 << 20;

/** Everything the REST side needs. */
export interface AriHttpDeps {
  core: AriCore;
  playbacks: AriPlaybacks;
  routes: RouteSpec[];
  users: AriUser[];
  authRealm: string;
}

/** Asterisk's HTML error page (ast_http_error), used where ARI fails before its JSON layer. */
export function htmlError(status: number, title: string, text: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>${status} ${title}</title>\r\n</head><body>\r\n<h1>${title}</h1>\r\n<p>${text}</p>\r\n<hr />\r\n<address>Asterisk/${ASTERISK_VERSION}</address>\r\n</body></html>\r\n`;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    Server: `Asterisk/${ASTERISK_VERSION}`,
    'Cache-Control': 'no-cache, no-store',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

const sendError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => send(res, status, { message }, headers);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new AriError(413, 'Request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Query, form body and JSON body merged the way res_ari merges GET and POST variables. */
interface Params {
  values: Map<string, string[]>;
  variables: Record<string, unknown> | undefined;
}

function parseParams(url: URL, req: IncomingMessage, body: string): Params {
  const values = new Map<string, string[]>();
  const add = (k: string, v: string) => values.set(k, [...(values.get(k) ?? []), v]);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (body.trim() && type.includes('application/x-www-form-urlencoded')) for (const [k, v] of new URLSearchParams(body)) add(k, v);
  for (const [k, v] of url.searchParams) add(k, v);
  let variables: Record<string, unknown> | undefined;
  if (body.trim() && type.includes('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new AriError(400, 'Error parsing request body');
    }
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
        if (k === 'variables' && v && typeof v === 'object') variables = v as Record<string, unknown>;
        else if (Array.isArray(v)) for (const x of v) add(k, String(x));
        else if (v !== null && typeof v !== 'object') add(k, String(v));
      }
    }
  }
  return { values, variables };
}

/** Finds the route for a path: literal segments win over {wildcards}, as Asterisk's handler tree does. */
function matchPath(routes: RouteSpec[], segments: string[]): { path: string; vars: Record<string, string> } | undefined {
  let best: { path: string; vars: Record<string, string>; literals: number } | undefined;
  for (const r of routes) {
    const parts = r.path.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const vars: Record<string, string> = {};
    let literals = 0;
    const hit = parts.every((p, i) => {
      const seg = segments[i]!;
      if (p.startsWith('{')) {
        vars[p.slice(1, -1)] = seg;
        return true;
      }
      literals += 1;
      return p === seg;
    });
    if (hit && (!best || literals > best.literals)) best = { path: r.path, vars, literals };
  }
  return best;
}

/** The /ari REST handler; answers false for paths outside /ari so a shared server can go on. */
export function createAriHttpHandler(deps: AriHttpDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ari' && !url.pathname.startsWith('/ari/')) return false;
    void serve(deps, req, res, url).catch((e: unknown) => {
      deps.core.engine.log('error', `ARI ${req.method} ${req.url}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) sendError(res, 500, 'Internal Server Error');
    });
    return true;
  };
}

async function serve(deps: AriHttpDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  let params: Params;
  try {
    params = parseParams(url, req, method === 'GET' || method === 'HEAD' ? '' : await readBody(req));
  } catch (e) {
    if (e instanceof AriError) return sendError(res, e.status, e.message);
    throw e;
  }
  const user = authenticate(deps.users, req, url.searchParams);
  if (!user) return sendError(res, 401, 'Authentication required', { 'WWW-Authenticate': `Basic realm="${deps.authRealm}"` });
  if (user.readOnly && method !== 'GET' && method !== 'OPTIONS') return sendError(res, 403, 'Write access denied');
  const uri = url.pathname.slice('/ari/'.length);
  if (url.pathname.endsWith('/')) return sendError(res, 404, `ARI URLs do not end with a slash. Try /ari/${uri.slice(0, -1)}`);
  const basePath = `http://${req.headers.host ?? 'localhost'}/ari`;
  if (uri.startsWith('api-docs/')) {
    if (method !== 'GET') return sendError(res, 405, 'Unsupported method');
    const m = /^api-docs\/([A-Za-z]+)\.json$/.exec(uri);
    const doc = !m ? undefined : m[1] === 'resources' ? resourceListing(deps.routes, basePath) : resourceDoc(deps.routes, m[1]!, basePath);
    return doc ? send(res, 200, doc) : sendError(res, 404, 'Resource not found');
  }
  const segments = uri.split('/').map((s) => decodeURIComponent(s));
  const match = matchPath(deps.routes, segments);
  if (!match) return sendError(res, 404, 'Resource not found');
  const candidates = deps.routes.filter((r) => r.path === match.path);
  const route = candidates.find((r) => r.method === method);
  if (!route || !route.handler) {
    if (route?.upgrade) return void res.writeHead(426, { 'Content-Type': 'text/html' }).end(htmlError(426, 'Upgrade Required', ''));
    const allow = ['OPTIONS', ...new Set(candidates.map((r) => r.method))].join(',');
    return sendError(res, 405, 'Invalid method', { Allow: allow });
  }
  let reply: AriReply;
  try {
    reply = await route.handler(makeRequest(deps, params, match.vars));
  } catch (e) {
    if (e instanceof AriError) return sendError(res, e.status, e.message);
    throw e;
  }
  if (reply.status === 204) return send(res, 204, undefined);
  if (reply.status === 201) return send(res, 201, reply.body, { Location: reply.location });
  return send(res, 200, reply.body);
}

function makeRequest(deps: AriHttpDeps, params: Params, pathVars: Record<string, string>): AriRequest {
  const str = (name: string) => pathVars[name] ?? params.values.get(name)?.[0];
  return {
    core: deps.core,
    playbacks: deps.playbacks,
    str,
    list: (name) => (params.values.get(name) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''),
    int(name, fallback) {
      const v = str(name);
      if (v === undefined || v === '') return fallback;
      const m = /^\s*[+-]?\d+/.exec(v);
      return m ? Number(m[0]) : 0;
    },
    bool(name, fallback) {
      const v = str(name);
      return v === undefined ? fallback : /^(yes|true|y|t|1|on)$/i.test(v.trim());
    },
    variables: () => params.variables,
  };
}
