import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AmiServer } from './ami/ami-server.js';
import { RealClock, type Clock } from './clock.js';
import { loadConfig } from './config/load-config.js';
import { Engine, type EngineOptions } from './engine/engine.js';
import { ControlServer } from './control/control-server.js';
import { createAri } from './ari/index.js';

export { Engine } from './engine/engine.js';
export type { EngineOptions, StasisHandler } from './engine/engine.js';
export { ManualClock, RealClock, flushAsync } from './clock.js';
export type { Clock } from './clock.js';
export type { PbxEvent } from './engine/types.js';
export { Channel } from './engine/channel.js';
export { loadConfig } from './config/load-config.js';
export { ConfigError } from './config/conf-error.js';
export { placeInboundCall, answerPhone, rejectPhone, hold, unhold } from './engine/calls.js';
export { originate } from './engine/originate.js';
export { redirect, blindTransfer } from './engine/transfers.js';
export { attendedTransfer } from './engine/attended-transfer.js';
export { notifyPhone, muteAudio } from './engine/phone-control.js';
export { ANSWER_MEDIA_TIMEOUT_MS, DEFAULT_ANSWER_MEDIA_MS } from './engine/apps/basic-apps.js';
export { TrafficGenerator } from './control/traffic-generator.js';
export { traceInboundCall, type CallOutcome, type CallScript, type Landing } from './engine/call-trace.js';
export { createAri, startAriServer } from './ari/index.js';

/** The demo configuration shipped with pbx-sim. */
export const DEMO_CONFIG_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo-config');

/** Extra HTTP routes (the ARI layer mounts here); return true when the request was handled. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** Options of startPbxSim; every port may be 0 (pick a free one). */
export interface PbxSimOptions {
  configDir?: string;
  host?: string;
  /** AMI port; default 5038. */
  amiPort?: number;
  /** HTTP port (ARI lives here); default 8088. */
  httpPort?: number;
  /** Control API port; the control API is off unless a port is given. */
  controlPort?: number;
  clock?: Clock;
  /** Serve ARI (REST + WebSocket under /ari) on the HTTP port, as Asterisk does; default true. */
  ari?: boolean;
  engine?: Partial<Omit<EngineOptions, 'config' | 'clock'>>;
  httpHandlers?: HttpHandler[];
}

/** A running simulated switch. */
export interface PbxSim {
  amiPort: number;
  httpPort: number;
  controlPort: number | undefined;
  engine: Engine;
  /** Cuts every AMI connection from the switch's side; returns how many were open. Clients may reconnect. */
  dropAmiConnections(): number;
  /** Mounts another HTTP handler (ARI) on the HTTP port. */
  addHttpHandler(h: HttpHandler): void;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

/** Loads the config, starts the engine, AMI, the HTTP port and (if asked) the control API. */
export async function startPbxSim(options: PbxSimOptions = {}): Promise<PbxSim> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? new RealClock();
  const config = loadConfig(options.configDir ?? DEMO_CONFIG_DIR);
  const engine = new Engine({ ...options.engine, config, clock });
  const ami = new AmiServer(engine);
  const ari = options.ari === false ? undefined : createAri({ engine });
  const handlers: HttpHandler[] = [...(ari ? [ari.handleRequest] : []), ...(options.httpHandlers ?? [])];
  const http = createServer((req, res) => {
    void (async () => {
      for (const h of handlers) if (await h(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not found' }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  http.on('upgrade', (req, socket, head) => {
    if (!ari?.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const sockets = new Set<import('node:net').Socket>();
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const amiPort = await ami.listen(options.amiPort ?? 5038, host);
  const httpPort = await listen(http, options.httpPort ?? 8088, host);
  let control: ControlServer | undefined;
  let controlPort: number | undefined;
  if (options.controlPort !== undefined) {
    control = new ControlServer(engine);
    controlPort = await control.listen(options.controlPort, host);
  }
  return {
    amiPort,
    httpPort,
    controlPort,
    engine,
    dropAmiConnections: () => ami.dropConnections(),
    addHttpHandler: (h) => handlers.push(h),
    async stop() {
      await control?.close();
      await ami.close();
      ari?.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => http.close(() => r()));
      engine.shutdown();
      if (clock instanceof RealClock) clock.clearAll();
    },
  };
}
