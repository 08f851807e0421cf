import { createServer, type Server, type Socket } from 'node:net';
import type { Engine } from '../engine/engine.js';
import type { ActionDef } from './action-context.js';
import { AmiSession } from './ami-session.js';
import { authActions } from './actions/auth-actions.js';
import { coreActions } from './actions/core-actions.js';
import { channelActions } from './actions/channel-actions.js';
import { queueActions } from './actions/queue-actions.js';
import { endpointActions } from './actions/endpoint-actions.js';
import { phoneActions } from './actions/phone-actions.js';

/** Every AMI action pbx-sim answers, by lower-cased name. */
export function actionTable(): Map<string, ActionDef> {
  const m = new Map<string, ActionDef>();
  const all: Record<string, ActionDef> = { ...authActions, ...coreActions, ...channelActions, ...queueActions, ...endpointActions, ...phoneActions };
  for (const [k, v] of Object.entries(all)) m.set(k.toLowerCase(), { ...v, name: k });
  return m;
}

/** The AMI TCP listener: one AmiSession per connection, engine events fanned out to each. */
export class AmiServer {
  private readonly server: Server;
  private readonly sessions = new Set<AmiSession>();
  private readonly sockets = new Set<Socket>();
  private readonly actions = actionTable();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: Engine) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      const session = new AmiSession(socket, engine, this.actions, (s) => this.sessions.delete(s));
      this.sessions.add(session);
    });
    this.unsubscribe = engine.on((e) => {
      for (const s of this.sessions) s.deliver(e);
    });
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  /** Cuts every AMI connection from the switch's side (a network drop or an Asterisk restart, as clients see it). */
  dropConnections(): number {
    const n = this.sockets.size;
    for (const s of this.sockets) s.destroy();
    return n;
  }

  sessionCount(): number {
    return this.sessions.size;
  }

  close(): Promise<void> {
    this.unsubscribe();
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
