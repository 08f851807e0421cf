import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { WebRtcSettings } from '../cti/agent-phones.js';

/**
 * helmet with a Content-Security-Policy the built console runs under: its own scripts and
 * styles only (Vite emits no inline ones), the socket to this origin and, with softphones,
 * the switch's SIP WebSocket. ICE/TURN traffic is not governed by CSP (no browser enforces a
 * webrtc directive), so WEBRTC_ICE_SERVERS needs no entry. HSTS only over TLS, where it means something.
 */
export function securityHeaders(webrtc: WebRtcSettings | null): RequestHandler {
  const connectSrc = ["'self'", ...(webrtc ? [new URL(webrtc.wsUri).origin] : [])];
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc,
        // Remote softphone audio plays from a MediaStream; blob: keeps any future recording player working.
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return (req, res, next) => {
    headers(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (req.secure) return hsts(req, res, next);
      next();
    });
  };
}
