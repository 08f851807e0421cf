import { io, type Socket } from 'socket.io-client';
import {
  commandSchemas,
  toFieldIssues,
  type ClientToServerEvents,
  type CommandInput,
  type CommandName,
  type ScreenPop,
  type ServerToClientEvents,
  type SignOutReason,
  type Snapshot,
} from '@ringside/shared';
import { failure, readAck, type CommandError, type CommandOutcome } from './command-outcome.js';
import { applyDelta, fromSnapshot, recordIntervals, type IntervalHistory, type LiveData } from './live-state.js';

/** The socket as the header shows it. `connecting` is the first attempt only. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** A change of the underlying connection. */
export type TransportStatus = { kind: 'connected' } | { kind: 'reconnecting' } | { kind: 'offline'; unauthenticated: boolean };

/** The reply to an emitted event: the ack's value, or no ack in time. */
export type TransportReply = { timedOut: true } | { timedOut: false; ack: unknown };

/** The few socket operations the client uses; the Socket.IO adapter below is the only real one. */
export interface RealtimeTransport {
  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void;
  onStatus(listener: (status: TransportStatus) => void): void;
  request(event: CommandName | 'resync', payload: unknown, timeoutMs: number): Promise<TransportReply>;
  close(): void;
}

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The console's one Socket.IO connection: same origin, the session cookie authenticates the handshake. */
export function socketIoTransport(): RealtimeTransport {
  const socket: TypedSocket = io({ withCredentials: true });
  return {
    on(event, listener) {
      // The generic event/listener pair is exactly what socket.on accepts; TS cannot see it through the union.
      (socket.on as (e: string, l: (...args: never[]) => void) => void)(event, listener);
    },
    onStatus(listener) {
      socket.on('connect', () => listener({ kind: 'connected' }));
      socket.on('disconnect', () => listener(socket.active ? { kind: 'reconnecting' } : { kind: 'offline', unauthenticated: false }));
      socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
        // The server refuses a handshake without a valid session; socket.io then stops retrying.
        const unauthenticated = err.message === 'UNAUTHENTICATED' || err.data?.code === 'UNAUTHENTICATED';
        listener(socket.active && !unauthenticated ? { kind: 'reconnecting' } : { kind: 'offline', unauthenticated });
      });
      socket.io.on('reconnect_failed', () => listener({ kind: 'offline', unauthenticated: false }));
    },
    request(event, payload, timeoutMs) {
      return new Promise((resolve) => {
        // The event name is a union here, which the typed emit cannot check; the payload was validated by the caller.
        const timed = socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, ack: unknown) => void): void };
        timed.emit(event, payload, (err, ack) => resolve(err ? { timedOut: true } : { timedOut: false, ack }));
      });
    },
    close() {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    },
  };
}

/** Everything the console knows live; `live` is null whenever it could be stale. */
export interface RealtimeState {
  connection: ConnectionState;
  live: LiveData | null;
  /** Waiting for a snapshot (first connect, reconnect, or a gap in a room's seq). */
  syncing: boolean;
  /** Screen pops by call id, newest last; kept across snapshots (they are not part of one). */
  pops: Record<string, ScreenPop>;
  history: IntervalHistory;
  /** The last error the server pushed outside any command. */
  serverError: CommandError | null;
}

/** The store and command channel the features use. */
export interface RealtimeClient {
  getState(): RealtimeState;
  subscribe(listener: () => void): () => void;
  /** Opens the socket; calling it again after stop() opens a fresh one. */
  start(): void;
  stop(): void;
  /** Validates with the shared schema, emits with an ack, and resolves (never rejects) with the outcome. */
  sendCommand<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<CommandOutcome>;
  /** Drops the picture and asks for a fresh snapshot. */
  resync(): void;
}

export interface RealtimeClientOptions {
  transport?: () => RealtimeTransport;
  ackTimeoutMs?: number;
  /** How long to wait for the server's own snapshot after connecting before asking for one. */
  snapshotWaitMs?: number;
  onUnauthenticated?: () => void;
  /** The server ended this session (and drops the socket right after): why, for the login page. */
  onSignedOut?: (reason: SignOutReason) => void;
  now?: () => number;
}

const MAX_POPS = 20;

/** Creates the client; the app makes one per signed-in session and shares it through RealtimeProvider. */
export function createRealtimeClient(options: RealtimeClientOptions = {}): RealtimeClient {
  const makeTransport = options.transport ?? socketIoTransport;
  const ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  const snapshotWaitMs = options.snapshotWaitMs ?? 3000;
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  let state: RealtimeState = { connection: 'connecting', live: null, syncing: true, pops: {}, history: {}, serverError: null };
  let transport: RealtimeTransport | null = null;
  let connected = false;
  let resyncInFlight = false;
  let snapshotTimer: ReturnType<typeof setTimeout> | null = null;

  function set(patch: Partial<RealtimeState>) {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  }

  function clearSnapshotTimer() {
    if (snapshotTimer !== null) clearTimeout(snapshotTimer);
    snapshotTimer = null;
  }

  function applySnapshot(snapshot: Snapshot) {
    clearSnapshotTimer();
    const live = fromSnapshot(snapshot, now());
    set({ live, syncing: false, history: recordIntervals(state.history, snapshot.queues, live.extras.queueHistory) });
  }

  function requestResync() {
    clearSnapshotTimer();
    if (state.live !== null || !state.syncing) set({ live: null, syncing: true });
    const current = transport;
    if (!current || !connected || resyncInFlight) return;
    resyncInFlight = true;
    void current.request('resync', {}, ackTimeoutMs).then((reply) => {
      resyncInFlight = false;
      if (current !== transport) return;
      const outcome = reply.timedOut ? null : readAck<Snapshot>(reply.ack);
      if (outcome?.ok && outcome.data) applySnapshot(outcome.data);
      // Without a snapshot in the ack, the server's `snapshot` event may still come; ask again if not.
      else if (state.syncing && connected) snapshotTimer = setTimeout(requestResync, snapshotWaitMs);
    });
  }

  function wire(t: RealtimeTransport) {
    t.onStatus((status) => {
      if (t !== transport) return;
      connected = status.kind === 'connected';
      resyncInFlight = false;
      clearSnapshotTimer();
      if (status.kind === 'connected') {
        // A new connection starts from a snapshot; the server sends one, and we ask if it does not.
        set({ connection: 'connected', live: null, syncing: true });
        snapshotTimer = setTimeout(requestResync, snapshotWaitMs);
      } else {
        set({ connection: status.kind, live: null, syncing: true });
        if (status.kind === 'offline' && status.unauthenticated) options.onUnauthenticated?.();
      }
    });
    t.on('snapshot', (snapshot) => t === transport && applySnapshot(snapshot));
    t.on('delta', (delta) => {
      if (t !== transport || state.live === null) return;
      const outcome = applyDelta(state.live, delta);
      if (outcome.kind === 'gap') requestResync();
      else if (outcome.kind === 'applied') {
        const queues = delta.changes.flatMap((c) => (c.type === 'queue' ? [c.queue] : []));
        set({ live: outcome.live, history: queues.length ? recordIntervals(state.history, queues) : state.history });
      }
    });
    const onPop = (pop: ScreenPop) => {
      if (t !== transport) return;
      const pops = { ...state.pops };
      delete pops[pop.callId];
      pops[pop.callId] = pop;
      const keys = Object.keys(pops);
      for (const k of keys.slice(0, Math.max(0, keys.length - MAX_POPS))) delete pops[k];
      set({ pops });
    };
    t.on('screenPop', onPop);
    // A record only completes a pop this console has; a stray one is still worth showing.
    t.on('screenPopRecord', onPop);
    t.on('signedOut', ({ reason }) => {
      if (t === transport) options.onSignedOut?.(reason);
    });
    t.on('error', (error) => {
      if (t !== transport) return;
      const outcome = readAck({ ok: false, error });
      if (!outcome.ok) set({ serverError: outcome.error });
    });
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (transport) return;
      set({ connection: 'connecting', live: null, syncing: true });
      transport = makeTransport();
      wire(transport);
    },
    stop() {
      clearSnapshotTimer();
      const t = transport;
      transport = null;
      connected = false;
      resyncInFlight = false;
      t?.close();
      set({ connection: 'offline', live: null, syncing: true });
    },
    async sendCommand(name, payload) {
      const parsed = commandSchemas[name].safeParse(payload);
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error);
        return failure('INVALID_INPUT', issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; '), issues);
      }
      const current = transport;
      if (!current || !connected) return failure('NETWORK', 'not connected');
      const reply = await current.request(name, parsed.data, ackTimeoutMs);
      return reply.timedOut ? failure('TIMEOUT', `no acknowledgement within ${ackTimeoutMs} ms`) : readAck(reply.ack);
    },
    resync: requestResync,
  };
}
