import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import {
  COMMAND_NAMES,
  isCommandName,
  isRingsideError,
  type ClientToServerEvents,
  type CommandAck,
  type CommandName,
  type CommandResult,
  type ErrorBody,
  type ErrorCode,
  type RoomDelta,
  type ScreenPop,
  type ServerToClientEvents,
  type SessionUser,
  type SignOutReason,
  type Snapshot,
} from '@ringside/shared';
import type { SocketSession } from '../auth/auth-service.js';
import type { SessionEnding, SessionEndings } from '../auth/session-endings.js';
import type { CtiDispatcher, CtiRequest } from '../cti/cti-dispatcher.js';
import type { ConnectResult, CtiService } from '../cti/cti-service.js';
import { agentRoom, queueRoom } from '../domain/cti-views.js';
import { joinSnapshotRooms, tenantRoom, type RoomMember } from './tenant-rooms.js';
import type { ConsoleLog } from '../domain/ports/console-log.js';
import { errorFields, type Logger } from '../logger.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { CommandLimiter } from '../auth/command-limits.js';

/** A node's answer to a forwarded request: only the node holding the switch answers with a result. */
export type PeerReply = { owner: true; result: CommandResult } | { owner: false };

/** Events between server nodes. */
export interface InterServerEvents {
  'cti:request': (request: CtiRequest, reply: (answer: PeerReply) => void) => void;
  /** A tenant was created, renamed or deleted on the sending node: re-read the tenants. */
  'cti:tenants': () => void;
}

/** What each socket carries. */
export interface SocketData {
  user: SessionUser;
  /** The room of the socket's session is keyed by this (the token itself never leaves the handshake). */
  tokenHash: string;
  expiresAt: Date;
}

/** Resolves the session of a handshake from its Cookie header (AuthService does). */
export interface SessionResolver {
  socketSessionFromCookieHeader(cookieHeader: string | undefined): Promise<SocketSession | null>;
  /** The user of a session still live now, or null. */
  liveSessionUser(tokenHash: string): Promise<SessionUser | null>;
}

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface GatewayOptions {
  httpServer: HttpServer;
  sessions: SessionResolver;
  dispatcher: CtiDispatcher;
  service: CtiService;
  logger: Logger;
  /** The per-user command budgets, shared with the REST API (and across nodes with Redis). */
  commandLimiter: CommandLimiter;
  /** A Socket.IO adapter (createRedisAdapter) when several nodes serve sockets; commands are then forwarded to the switch owner. */
  adapter?: ServerOptions['adapter'];
  /** Where this node records agents' consoles opening and closing, for whichever node owns the switch later. */
  consoleLog?: ConsoleLog;
  /** Which page origins may open a socket; absent: any. */
  origins?: OriginPolicy;
  /** Ended sessions: their sockets, on every node, are told why and disconnected. */
  sessionEndings?: SessionEndings;
  /** Another node announced changed tenants. */
  onPeerTenantsChanged?: () => void;
}

/** Every socket of one session, and of one user, is in these rooms. */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
export const userRoom = (userId: string) => `user:${userId}`;

/** setTimeout fires at once beyond this; a longer session is re-armed when that timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const isSupervisor = (user: SessionUser) => user.role === 'supervisor' || user.role === 'admin';

function refusal(code: ErrorCode, message: string): Error {
  // The console reads err.message; err.data carries the same code for other clients.
  return Object.assign(new Error(code), { data: { code, message } });
}

/**
 * The Socket.IO gateway: authenticates the handshake with the session cookie, puts each socket
 * in the rooms its user may watch, sends the snapshot and then the deltas, and dispatches
 * commands with acks. With an adapter, broadcasts reach every node's sockets and requests go to
 * the node that holds the switch.
 */
export class RealtimeGateway {
  readonly io: GatewayServer;
  private readonly detach: Array<() => void> = [];
  private readonly queuesOf = new Map<string, string[]>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: GatewayOptions) {
    this.io = new Server(options.httpServer, { serveClient: false, ...(options.adapter ? { adapter: options.adapter } : {}) });
    if (options.adapter) options.dispatcher.setForwarder((request) => this.forward(request));
    // Through the adapter: a console of the agent on any node counts.
    options.service.setConsoleProbe(async (agentIds) => {
      const sockets = await this.io.in(agentIds.map((id) => this.agentSockets(id))).fetchSockets();
      return new Set(sockets.flatMap((s) => (s.data.user.agent ? [s.data.user.agent.id] : [])));
    });
    // Before the session: a page of another site must not ride the console's cookie (cross-site WebSocket hijacking).
    this.io.use((socket, next) => {
      const origin = socket.request.headers.origin;
      if (origin === undefined || !options.origins || options.origins.allows(origin, socket.request)) return next();
      next(refusal('ORIGIN_NOT_ALLOWED', 'connections from this origin are not allowed'));
    });
    this.io.use((socket, next) => void this.authenticate(socket as GatewaySocket).then(() => next(), (err: Error) => next(err)));
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.io.on('cti:request', (request, reply) => this.onPeerRequest(request, reply));
    this.io.on('cti:tenants', () => options.onPeerTenantsChanged?.());
    if (options.sessionEndings) this.detach.push(options.sessionEndings.onEnded((ending) => this.signOut(ending)));
    this.listen();
  }

  /**
   * Through the adapter, so the sockets of the session on every node are told why and dropped at
   * once; the reason goes first on the same path, so it arrives before the disconnect.
   */
  private signOut(ending: SessionEnding): void {
    const target = 'tokenHash' in ending
      ? this.io.in(sessionRoom(ending.tokenHash))
      : ending.exceptTokenHash
        ? this.io.in(userRoom(ending.userId)).except(sessionRoom(ending.exceptTokenHash))
        : this.io.in(userRoom(ending.userId));
    target.emit('signedOut', { reason: ending.reason });
    target.disconnectSockets(true);
  }

  /** A socket never outlives its session: at expiresAt it is signed out like any other ending. */
  private armExpiry(socket: GatewaySocket): void {
    const left = socket.data.expiresAt.getTime() - Date.now();
    const timer = setTimeout(() => {
      if (left > MAX_TIMER_MS) return this.armExpiry(socket);
      this.signOutLocal(socket, 'expired');
    }, Math.max(0, Math.min(left, MAX_TIMER_MS)));
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  private signOutLocal(socket: GatewaySocket, reason: SignOutReason): void {
    socket.emit('signedOut', { reason });
    socket.disconnect(true);
  }

  /** Tells the other nodes (through the adapter) that the tenants changed; the owner among them re-reads them. */
  announceTenantsChanged(): void {
    if (this.options.adapter) this.io.serverSideEmit('cti:tenants');
  }

  /** Disconnects this node's sockets and stops listening; the HTTP server stays up (its owner closes it). */
  async close(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    this.options.dispatcher.setForwarder(null);
    this.options.service.setConsoleProbe(null);
    this.io.local.disconnectSockets(true);
    await this.io.of('/').adapter.close();
    this.io.engine.close();
  }

  // ---- service → sockets ----------------------------------------------------------------------

  private listen(): void {
    const s = this.options.service;
    const on = <A extends unknown[]>(event: Parameters<CtiService['on']>[0], fn: (...args: A) => void) => {
      s.on(event, fn as never);
      this.detach.push(() => s.off(event, fn as never));
    };
    on('deltas', (deltas: RoomDelta[]) => {
      for (const d of deltas) this.io.to(tenantRoom(d.tenantId, d.room)).emit('delta', d);
    });
    on('pop', (pop: ScreenPop, kind: 'screenPop' | 'screenPopRecord', tenantId: string) => this.io.to(tenantRoom(tenantId, agentRoom(pop.agentId))).emit(kind, pop));
    on('agentError', (agentId: string, tenantId: string, error: ErrorBody['error']) => this.io.to(tenantRoom(tenantId, agentRoom(agentId))).emit('error', error));
    on('memberships', (agentId: string, tenantId: string, queues: string[]) => this.moveToQueueRooms(agentId, tenantId, queues));
    on('forcedLogout', (agentId: string, tenantId: string) => {
      const room = tenantRoom(tenantId, agentRoom(agentId));
      this.io.to(room).emit('error', { code: 'FORBIDDEN', message: 'a supervisor signed you out' });
      this.io.in(room).disconnectSockets(true);
    });
    on('rebuilt', () => void this.resnapshotEveryone());
  }

  /** The Socket.IO room of an agent's consoles (in the agent's tenant). */
  private agentSockets(agentId: string): string {
    return tenantRoom(this.options.service.tenantOfAgent(agentId), agentRoom(agentId));
  }

  private moveToQueueRooms(agentId: string, tenantId: string, queues: string[]): void {
    const room = tenantRoom(tenantId, agentRoom(agentId));
    const before = this.queuesOf.get(agentId) ?? (this.options.service.active ? this.options.service.state().tenantQueues(tenantId) : []);
    this.queuesOf.set(agentId, queues);
    const inTenant = (q: string) => tenantRoom(tenantId, queueRoom(q));
    const gone = before.filter((q) => !queues.includes(q)).map(inTenant);
    if (gone.length > 0) this.io.in(room).socketsLeave(gone);
    if (queues.length > 0) this.io.in(room).socketsJoin(queues.map(inTenant));
  }

  /** After a rebuild the sequence numbers restarted: every socket of every node gets a fresh snapshot. */
  private async resnapshotEveryone(): Promise<void> {
    try {
      const sockets = await this.io.fetchSockets();
      for (const socket of sockets) {
        const result = await this.options.dispatcher.runLocally({ kind: 'connect', user: socket.data.user });
        if (!result.ok) continue;
        this.sendConnectResult(socket, result.data as ConnectResult);
      }
    } catch (err) {
      this.options.logger.warn('could not push fresh snapshots after a rebuild', errorFields(err));
    }
  }

  // ---- sockets → service ----------------------------------------------------------------------

  private async authenticate(socket: GatewaySocket): Promise<void> {
    let session: SocketSession | null;
    try {
      session = await this.options.sessions.socketSessionFromCookieHeader(socket.request.headers.cookie);
    } catch (err) {
      this.options.logger.error('socket handshake: session lookup failed', errorFields(err));
      throw refusal('DB_UNAVAILABLE', 'could not check the session; try again');
    }
    if (!session) throw refusal('UNAUTHENTICATED', 'sign in first');
    const { user } = session;
    if (!isSupervisor(user) && !user.agent) throw refusal('FORBIDDEN', 'this user has no agent profile');
    socket.data.user = user;
    socket.data.tokenHash = session.tokenHash;
    socket.data.expiresAt = session.expiresAt;
  }

  private onConnection(socket: GatewaySocket): void {
    // Joined before anything else, so a session ended from now on reaches this socket too.
    void socket.join([sessionRoom(socket.data.tokenHash), userRoom(socket.data.user.id)]);
    this.armExpiry(socket);
    // Rooms are joined from the snapshot's seqs, right before it is sent: on the owner node nothing
    // can run in between, so the socket's first event is its snapshot and no delta is missed.
    for (const name of COMMAND_NAMES) {
      socket.on(name, ((payload: unknown, ack: unknown) => void this.onCommand(socket, name, payload, ack)) as never);
    }
    socket.on('resync', (_payload: unknown, ack: unknown) => void this.onResync(socket, ack));
    socket.on('disconnect', () => this.onDisconnect(socket));
    // A client waiting on an ack for an event nobody handles would wait forever.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event === 'resync' || isCommandName(event)) return;
      ackOf(args.at(-1))({ ok: false, error: { code: 'NOT_FOUND', message: `no command ${event.slice(0, 64)}` } });
    });
    const user = socket.data.user;
    if (user.role === 'agent' && user.agent) this.logConsole(user.agent.id, 'opened');
    void this.sendFirstSnapshot(socket);
  }

  /** Written by the node holding the socket, so it survives the owner going away; never blocks the socket. */
  private logConsole(agentId: string, what: 'opened' | 'closed'): void {
    const log = this.options.consoleLog;
    if (!log) return;
    log[what](agentId, Date.now()).catch((err: unknown) => this.options.logger.warn(`could not record a console ${what}`, { agentId, ...errorFields(err) }));
  }

  private async sendFirstSnapshot(socket: GatewaySocket): Promise<void> {
    const result = await this.request({ kind: 'connect', user: socket.data.user });
    if (!socket.connected) return;
    if (!result.ok) {
      socket.emit('error', result.error);
      return;
    }
    this.sendConnectResult(socket, result.data as ConnectResult);
  }

  /** The snapshot, then what went wrong signing the agent in: the socket is in its rooms only now. */
  private sendConnectResult(socket: RoomMember & { emit: GatewaySocket['emit'] }, result: ConnectResult): void {
    joinSnapshotRooms(socket, result.snapshot);
    socket.emit('snapshot', result.snapshot);
    for (const problem of result.problems) socket.emit('error', problem);
  }

  /** The owner signs the agent out if no console of theirs is back within the grace. */
  private onDisconnect(socket: GatewaySocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const user = socket.data.user;
    if (user.role !== 'agent' || !user.agent) return;
    this.logConsole(user.agent.id, 'closed');
    void this.request({ kind: 'away', user }).then((result) => {
      // No owner (shutting down, or a hand-over): the next owner learns of the closing from the console log.
      if (!result.ok && result.error.code !== 'PBX_UNAVAILABLE') this.options.logger.warn('could not report a closed console', { agentId: user.agent?.id, ...result.error });
    });
  }

  private async onResync(socket: GatewaySocket, ack: unknown): Promise<void> {
    const reply = ackOf(ack);
    const result = await this.request({ kind: 'snapshot', user: socket.data.user });
    if (result.ok && socket.connected) joinSnapshotRooms(socket, result.data as Snapshot);
    reply(result);
  }

  private async onCommand(socket: GatewaySocket, name: CommandName, payload: unknown, ack: unknown): Promise<void> {
    const reply = ackOf(ack);
    try {
      // The same budget as the REST commands of this user, on every node.
      await this.options.commandLimiter.consume(socket.data.user.id, 'call-control');
    } catch (err) {
      if (!isRingsideError(err)) this.options.logger.error('command limiter failed', errorFields(err));
      reply({ ok: false, error: isRingsideError(err) ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'internal error' } });
      return;
    }
    const ended = await this.endedSince(socket);
    if (ended) {
      // The refusal first, so the client has its ack before the socket goes.
      reply({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'your session has ended; sign in again' } });
      this.signOutLocal(socket, ended);
      return;
    }
    reply(await this.request({ kind: 'command', user: socket.data.user, name, payload }));
  }

  /**
   * The belt to the braces of signOut: a session ended without an announcement (another
   * process, a missed adapter message, a handshake that raced the ending) or a changed role
   * still stops the command. One primary-key lookup; a database outage lets commands through,
   * since the switch does not need the database and the announcements still work.
   */
  private async endedSince(socket: GatewaySocket): Promise<SignOutReason | null> {
    let live: SessionUser | null;
    try {
      live = await this.options.sessions.liveSessionUser(socket.data.tokenHash);
    } catch (err) {
      this.options.logger.warn('could not re-check a socket session', errorFields(err));
      return null;
    }
    if (live) return live.role === socket.data.user.role ? null : 'role_changed';
    return Date.now() >= socket.data.expiresAt.getTime() ? 'expired' : 'sessions_ended';
  }

  /** Every request goes through here so nothing a handler throws can escape into socket.io. */
  private async request(request: CtiRequest): Promise<CommandResult> {
    try {
      return await this.options.dispatcher.execute(request);
    } catch (err) {
      this.options.logger.error('socket request failed', { kind: request.kind, ...errorFields(err) });
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
    }
  }

  // ---- between nodes --------------------------------------------------------------------------

  private onPeerRequest(request: CtiRequest, reply: (answer: PeerReply) => void): void {
    if (typeof reply !== 'function') return;
    if (!this.options.dispatcher.local) {
      reply({ owner: false });
      return;
    }
    this.options.dispatcher.runLocally(request).then(
      (result) => reply({ owner: true, result }),
      () => reply({ owner: true, result: { ok: false, error: { code: 'INTERNAL', message: 'internal error' } } }),
    );
  }

  private forward(request: CtiRequest): Promise<CommandResult> {
    return new Promise((resolve) => {
      const emit = this.io.serverSideEmit.bind(this.io) as unknown as (ev: string, req: CtiRequest, cb: (err: Error | null, replies: PeerReply[]) => void) => void;
      try {
        emit('cti:request', request, (err, replies) => {
          const owner = (replies ?? []).find((r): r is Extract<PeerReply, { owner: true }> => r !== null && typeof r === 'object' && r.owner === true);
          if (owner) resolve(owner.result);
          else resolve({ ok: false, error: { code: err ? 'PBX_TIMEOUT' : 'PBX_UNAVAILABLE', message: 'no node holds the switch connection right now' } });
        });
      } catch (err) {
        this.options.logger.error('forwarding a request failed', errorFields(err));
        resolve({ ok: false, error: { code: 'PBX_UNAVAILABLE', message: 'no node holds the switch connection right now' } });
      }
    });
  }
}

/** The client's ack, or a no-op when a client sent none (the result is then simply not delivered). */
function ackOf(ack: unknown): CommandAck {
  return typeof ack === 'function' ? (ack as CommandAck) : () => undefined;
}
