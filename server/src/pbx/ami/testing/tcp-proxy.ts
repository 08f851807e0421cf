import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay between a client and a server, for tests: records what the client sent
 * upstream and can freeze (stop relaying both ways while keeping the sockets open), the way a
 * hung switch or a stalled network looks from the client.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private frozen = false;
  /** Every byte clients sent towards the server, in order. */
  readonly upstreamLog: Buffer[] = [];
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      const pair = { client, upstream };
      this.pairs.add(pair);
      client.on('data', (d: Buffer) => {
        if (this.frozen) return;
        this.upstreamLog.push(Buffer.from(d));
        upstream.write(d);
      });
      upstream.on('data', (d: Buffer) => {
        if (!this.frozen) client.write(d);
      });
      const drop = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', drop);
      upstream.on('close', drop);
      client.on('error', drop);
      upstream.on('error', drop);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const a = this.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    return this.port;
  }

  /** Everything sent upstream so far, as text. */
  sentText(): string {
    return Buffer.concat(this.upstreamLog).toString('utf8');
  }

  /** Stops relaying in both directions; sockets stay open, nothing is answered. */
  freeze(): void {
    this.frozen = true;
  }

  /** How many client connections are relayed now. */
  connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
