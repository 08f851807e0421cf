import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { AriCore, AriSessionLike } from './ari-core.js';
import { authenticate, type AriUser } from './ari-users.js';
import { htmlError } from './http-handler.js';
import { ariTime } from './ari-json.js';
import { ASTERISK_VERSION } from './routes/misc.js';

function reject(socket: Duplex, status: number, title: string, body: string, type: string, extra: string[] = []): void {
  socket.end(
    [`HTTP/1.1 ${status} ${title}`, `Server: Asterisk/${ASTERISK_VERSION}`, `Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...extra, '', body].join('\r\n'),
  );
}

/** The /ari/events WebSocket: authenticates, registers the apps, streams their events. */
export class AriWebSockets {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly core: AriCore,
    private readonly users: AriUser[],
    private readonly authRealm: string,
  ) {}

  /** Handles an HTTP upgrade; false when the path is not ARI's so a shared server can route it on. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ari/events') return false;
    if (!authenticate(this.users, req, url.searchParams)) {
      reject(socket, 401, 'Unauthorized', JSON.stringify({ message: 'Authentication required' }), 'application/json', [`WWW-Authenticate: Basic realm="${this.authRealm}"`]);
      return true;
    }
    const apps = (url.searchParams.get('app') ?? '').split(',').map((a) => a.trim());
    if (apps.length === 0 || apps.some((a) => a === '')) {
      reject(socket, 400, 'Bad Request', htmlError(400, 'Bad Request', 'HTTP request is missing param: [app]'), 'text/html');
      return true;
    }
    const subscribeAll = /^(yes|true|y|t|1|on)$/i.test(url.searchParams.get('subscribeAll') ?? '');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, apps, subscribeAll));
    return true;
  }

  private open(ws: WebSocket, apps: string[], subscribeAll: boolean): void {
    this.sockets.add(ws);
    const core = this.core;
    const owned = new Set(apps);
    const session: AriSessionLike = {
      send: (text) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(text);
      },
      replaced: (app) => {
        owned.delete(app);
        const msg = { type: 'ApplicationReplaced', timestamp: ariTime(core.engine.clock.now()), asterisk_id: core.options.asteriskId, application: app };
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
      },
    };
    for (const app of apps) core.attach(app, session, subscribeAll);
    ws.on('close', () => {
      this.sockets.delete(ws);
      for (const app of owned) core.detach(app, session);
    });
    ws.on('error', () => ws.terminate());
  }

  /** Closes every connection (used on shutdown). */
  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
