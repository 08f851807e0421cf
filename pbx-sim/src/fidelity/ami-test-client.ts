import { connect, type Socket } from 'node:net';
import type { AmiField } from '../ami/ami-message.js';
import { formatMessage } from '../ami/ami-writer.js';
import { parseAmiStream } from './trace-reader.js';

/** A raw AMI client for tests: records every byte the server sends. */
export class RawAmiClient {
  raw = '';
  isClosed = false;
  private readonly socket: Socket;
  readonly closed: Promise<void>;
  private waiters: (() => void)[] = [];

  private constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (d: string) => {
      this.raw += d;
      for (const w of this.waiters) w();
    });
    this.closed = new Promise((r) =>
      this.socket.on('close', () => {
        this.isClosed = true;
        r();
      }),
    );
  }

  static async open(port: number): Promise<RawAmiClient> {
    const c = new RawAmiClient(port);
    await c.until(() => c.raw.includes('\r\n'));
    return c;
  }

  /** Resolves once the predicate holds on the received bytes (or fails after 5 s of real time). */
  until(pred: () => boolean, what = 'condition'): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got:\n${this.raw.slice(-2000)}`)), 5000);
      this.closed.then(() => check());
      const check = () => {
        if (pred()) {
          clearTimeout(t);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
    });
  }

  messages(): AmiField[][] {
    return parseAmiStream(this.raw);
  }

  sendRaw(text: string): void {
    this.socket.write(text);
  }

  /** Sends an action and waits for the response carrying its ActionID (and a list's Complete event). */
  async action(fields: AmiField[]): Promise<AmiField[]> {
    this.socket.write(formatMessage(fields));
    const id = fields.find(([k]) => k.toLowerCase() === 'actionid')?.[1];
    const find = () => this.messages().find((m) => m[0]?.[0] === 'Response' && m.some(([k, v]) => k === 'ActionID' && v === id));
    await this.until(() => find() !== undefined || this.isClosed, `response to ${id}`);
    if (!find()) return [];
    const resp = find()!;
    if (resp.some(([k, v]) => k === 'EventList' && v === 'start')) {
      await this.until(() => this.messages().some((m) => m.some(([k, v]) => k === 'EventList' && v === 'Complete') && m.some(([k, v]) => k === 'ActionID' && v === id)), `list end of ${id}`);
    }
    return resp;
  }

  close(): void {
    this.socket.destroy();
  }
}
