import type { RoomDelta, ServerToClientEvents, Snapshot } from '@ringside/shared';
import { createRealtimeClient, type RealtimeClient, type RealtimeTransport, type TransportReply, type TransportStatus } from '../realtime/socket-client.js';

/** An event the console emitted. */
export interface SentEvent {
  event: string;
  payload: unknown;
}

type Responder = (event: string, payload: unknown) => TransportReply;

/**
 * The socket boundary in tests: records what the console emits, answers acks from a script, and
 * lets the test play the server (connect, drop, push snapshots and deltas).
 */
export class FakeTransport implements RealtimeTransport {
  readonly sent: SentEvent[] = [];
  closed = false;
  private readonly listeners = new Map<string, ((payload: never) => void)[]>();
  private readonly statusListeners: ((s: TransportStatus) => void)[] = [];

  constructor(public respond: Responder = () => ({ timedOut: false, ack: { ok: true } })) {}

  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as (payload: never) => void);
    this.listeners.set(event, list);
  }

  onStatus(listener: (status: TransportStatus) => void): void {
    this.statusListeners.push(listener);
  }

  request(event: string, payload: unknown): Promise<TransportReply> {
    this.sent.push({ event, payload });
    return Promise.resolve(this.respond(event, payload));
  }

  close(): void {
    this.closed = true;
  }

  status(status: TransportStatus): void {
    for (const l of this.statusListeners) l(status);
  }

  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const l of this.listeners.get(event) ?? []) (l as unknown as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args);
  }

  snapshot(snapshot: Snapshot): void {
    this.emit('snapshot', snapshot);
  }

  delta(delta: RoomDelta): void {
    this.emit('delta', delta);
  }

  /** The commands emitted so far (without resync requests). */
  commands(): SentEvent[] {
    return this.sent.filter((s) => s.event !== 'resync');
  }
}

/** A started client over a fake transport that has connected and received `snapshot`. */
export function connectedClient(snapshot: Snapshot | null, respond?: Responder): { client: RealtimeClient; transport: FakeTransport } {
  const transport = new FakeTransport(respond);
  const client = createRealtimeClient({ transport: () => transport, snapshotWaitMs: 60_000 });
  client.start();
  transport.status({ kind: 'connected' });
  if (snapshot) transport.snapshot(snapshot);
  return { client, transport };
}
