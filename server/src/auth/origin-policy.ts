import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyaddr from 'proxy-addr';
import type { TrustProxySetting } from '../config.js';

type TrustFn = (address: string, hop: number) => boolean;

/** Compiles TRUST_PROXY the way express does, so the socket handshake and REST agree on who is a proxy. */
export function compileTrust(setting: TrustProxySetting): TrustFn {
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw?.split(',')[0]?.trim() || undefined;
}

/** The origin a URL (Origin or Referer header) names, or null when it is not an http(s) URL. */
export function originOf(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}

/**
 * Decides whether a request's Origin may act on this server: the server's own origin (as the
 * client sees it, through a trusted proxy) or one of ALLOWED_ORIGINS. One policy serves the
 * Socket.IO handshake and the REST guard, so both answer the same.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly trust: TrustFn;

  constructor(allowedOrigins: readonly string[], trustProxy: TrustProxySetting) {
    this.allowed = new Set(allowedOrigins);
    this.trust = compileTrust(trustProxy);
  }

  /** The server's own origin as the browser sees it; X-Forwarded-Proto/-Host count only from a trusted proxy. */
  ownOrigin(req: IncomingMessage): string | null {
    const trusted = this.trust(req.socket.remoteAddress ?? '', 0);
    const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
    const proto = (trusted && firstHeader(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
    const host = (trusted && firstHeader(req.headers['x-forwarded-host'])) || firstHeader(req.headers.host);
    return host ? originOf(`${proto}://${host}`) : null;
  }

  /** True when the origin (an Origin header value) is this server's own or an allowed one. */
  allows(origin: string, req: IncomingMessage): boolean {
    const normalised = originOf(origin);
    if (!normalised) return false;
    return this.allowed.has(normalised) || normalised === this.ownOrigin(req);
  }

  /**
   * Where a state-changing request came from, judged by Origin, else by Referer. A request with
   * neither is not a browser's cross-site request (browsers send Origin on every cross-origin
   * POST, PUT, PATCH and DELETE), so API clients such as curl pass.
   */
  allowsWrite(req: IncomingMessage): boolean {
    const origin = firstHeader(req.headers.origin);
    if (origin !== undefined) return this.allows(origin, req);
    const referer = firstHeader(req.headers.referer);
    if (referer !== undefined) {
      const from = originOf(referer);
      return from !== null && this.allows(from, req);
    }
    return true;
  }
}
