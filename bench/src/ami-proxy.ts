import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay in front of the switch's AMI port, so the bench can cut the CTI's AMI
 * connection the way a network failure would, without touching either side.
 */
export class AmiProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private server: Server | null = null;
  /** Called (with wall time) each time the client connects. */
  onAccept: ((at: number) => void) | null = null;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => {
      const at = performance.now();
      const upstream = connect(this.target);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      client.pipe(upstream);
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
      this.onAccept?.(at);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    const a = this.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    return this.port;
  }

  /** Cuts every relayed connection, as a dropped link would. */
  drop(): number {
    const n = this.pairs.size;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    return n;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
