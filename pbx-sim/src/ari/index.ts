import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import os from 'node:os';
import type { Engine } from '../engine/engine.js';
import { AriCore } from './ari-core.js';
import { AriEventBridge } from './ari-events.js';
import { AriPlaybacks } from './ari-playbacks.js';
import { DEFAULT_ARI_USER, loadAriConf, type AriUser } from './ari-users.js';
import { createAriHttpHandler } from './http-handler.js';
import { installStasisApp } from './stasis-app.js';
import { AriWebSockets } from './ws-server.js';
import { ariRoutes } from './routes/index.js';

export type { AriUser } from './ari-users.js';
export { loadAriConf, DEFAULT_ARI_USER } from './ari-users.js';
export { ariRoutes } from './routes/index.js';

/** How to build the ARI layer; users and channel variables default to the engine's ari.conf (else user cti/cti-secret). */
export interface AriOptions {
  engine: Engine;
  users?: AriUser[];
  /** asterisk_id / entity_id; defaults to the host's first MAC address, as Asterisk derives it. */
  asteriskId?: string;
  channelVars?: string[];
}

/** The ARI layer, mountable on any HTTP server: call `handleRequest` / `handleUpgrade` first. */
export interface Ari {
  core: AriCore;
  /** Answers /ari/* requests; false for any other path. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Takes /ari/events upgrades; false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Disconnects clients, stops playbacks, restores the engine's own Stasis application. */
  close(): void;
}

function defaultAsteriskId(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const nic of list ?? []) if (!nic.internal && nic.mac && nic.mac !== '00:00:00:00:00:00') return nic.mac;
  }
  return '00:00:00:00:00:00';
}

/** Builds the ARI layer on an engine: REST under /ari, events on /ari/events, Stasis() in the dial plan. */
export function createAri(o: AriOptions): Ari {
  const conf = loadAriConf(o.engine.config.dir);
  const users = o.users ?? conf?.users ?? [DEFAULT_ARI_USER];
  if (users.length === 0) o.engine.log('warn', 'ari.conf defines no users: every ARI request will be refused');
  const core = new AriCore(o.engine, { asteriskId: o.asteriskId ?? defaultAsteriskId(), channelVars: o.channelVars ?? conf?.channelVars ?? [] });
  const events = new AriEventBridge(core);
  const playbacks = new AriPlaybacks(core);
  const restoreStasis = installStasisApp(core);
  const authRealm = conf?.authRealm ?? 'Asterisk REST Interface';
  const handleRequest = createAriHttpHandler({ core, playbacks, routes: ariRoutes, users, authRealm });
  const sockets = new AriWebSockets(core, users, authRealm);
  return {
    core,
    handleRequest,
    handleUpgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head),
    close() {
      sockets.close();
      playbacks.stop();
      events.stop();
      restoreStasis();
    },
  };
}

/** A running stand-alone ARI HTTP server. */
export interface AriServer {
  ari: Ari;
  server: http.Server;
  port: number;
  /** `http://host:port`, the base URL ari-client connects to. */
  url: string;
  close(): Promise<void>;
}

/** Starts ARI on its own HTTP server (port 0 picks a free port); Asterisk's default is 127.0.0.1:8088. */
export async function startAriServer(o: AriOptions & { host?: string; port?: number }): Promise<AriServer> {
  const ari = createAri(o);
  const server = http.createServer((req, res) => {
    if (!ari.handleRequest(req, res)) {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>404 Not Found</title>\r\n</head><body>\r\n<h1>Not Found</h1>\r\n<p>The requested URL was not found on this server.</p>\r\n</body></html>\r\n');
    }
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!ari.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 8088, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    ari,
    server,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        ari.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
