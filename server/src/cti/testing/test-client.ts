import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, CommandResult, ServerToClientEvents, Snapshot } from '@ringside/shared';

/** Polls until `check` returns something truthy; rejects naming `what` after `timeoutMs`. */
export function until<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      let v: T | undefined | null | false;
      try {
        v = check();
      } catch (err) {
        return reject(err as Error);
      }
      if (v) return resolve(v);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** One event a test socket received. */
export interface Received {
  name: string;
  args: unknown[];
}

/** A real socket.io-client connection that records everything the server sends. */
export class TestClient {
  readonly events: Received[] = [];

  private constructor(readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.onAny((name: string, ...args: unknown[]) => this.events.push({ name, args }));
  }

  /** Connects with the given Cookie header and waits for the first snapshot. */
  static async connect(url: string, cookie: string | null, timeoutMs = 5000): Promise<TestClient> {
    const client = TestClient.open(url, cookie);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('connect_error', (err) => reject(err));
      client.socket.once('connect', () => resolve());
    });
    await until('the first snapshot', () => client.first('snapshot'), timeoutMs);
    return client;
  }

  /** Opens a socket without waiting for anything (for refused handshakes). */
  static open(url: string, cookie: string | null): TestClient {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    return new TestClient(socket);
  }

  /** Payloads of every `name` event so far. */
  all<T = unknown>(name: string): T[] {
    return this.events.filter((e) => e.name === name).map((e) => e.args[0] as T);
  }

  first<T = unknown>(name: string): T | undefined {
    return this.all<T>(name)[0];
  }

  /** The newest snapshot. */
  snapshot(): Snapshot {
    const s = this.all<Snapshot>('snapshot').at(-1);
    if (!s) throw new Error('no snapshot yet');
    return s;
  }

  /** Waits for an event matching `match` (past or future). */
  waitFor<T = unknown>(name: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    return until(`a ${name} event`, () => this.all<T>(name).find(match), timeoutMs);
  }

  /** Sends a command (or resync) and resolves with its ack. */
  command(name: string, payload: unknown, timeoutMs = 8000): Promise<CommandResult> {
    const timed = this.socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, r: CommandResult) => void): void };
    return new Promise((resolve, reject) => timed.emit(name, payload, (err, r) => (err ? reject(err) : resolve(r))));
  }

  close(): void {
    this.socket.disconnect();
  }
}
