import { EventEmitter } from 'node:events';
import { createClient } from 'redis';
import { errorFields, type Logger } from '../logger.js';

// Compare-and-extend / compare-and-delete: a node touches the lease only while it still holds it,
// so a node that stalled past the TTL can never extend or delete its successor's lease.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface SwitchLeaseOptions {
  redisUrl: string;
  /** The Redis key; one per deployment (tests use a unique one). */
  key: string;
  /** This node's id, stored as the lease's value. */
  nodeId: string;
  /** How long the lease lives without renewal; a dead owner is replaced after at most this long. */
  ttlMs?: number;
  logger: Logger;
}

interface LeaseEvents {
  acquired: [];
  lost: [];
}

/**
 * A Redis lease so exactly one node owns the switch connection: SET NX PX to take it, renewal
 * every third of the TTL, release on stop. When the owner dies its lease expires and another
 * node takes it on its next attempt. An owner that cannot reach Redis gives the lease up once
 * the TTL may have run out, before any other node can take it.
 */
export class SwitchLease extends EventEmitter<LeaseEvents> {
  private readonly client;
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | null = null;
  private holding = false;
  private confirmedAt = 0;
  private running = false;
  private busy = false;

  constructor(private readonly options: SwitchLeaseOptions) {
    super();
    this.ttlMs = options.ttlMs ?? 5000;
    this.client = createClient({ url: options.redisUrl });
    this.client.on('error', (err: unknown) => options.logger.warn('switch lease: redis problem', errorFields(err)));
  }

  /** True while this node holds the lease. */
  get held(): boolean {
    return this.holding;
  }

  /** Connects and starts competing for the lease. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.client.connect();
    await this.step();
    this.timer = setInterval(() => void this.step(), Math.max(50, Math.floor(this.ttlMs / 3)));
  }

  /** Releases the lease (if held) and disconnects; another node takes over at once. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 5));
    if (this.holding) {
      this.holding = false;
      this.emit('lost');
      await this.client.eval(RELEASE, { keys: [this.options.key], arguments: [this.options.nodeId] }).catch(() => undefined);
    }
    await this.client.close().catch(() => undefined);
  }

  /** The node holding the lease now, as Redis says. */
  async owner(): Promise<string | null> {
    return this.client.get(this.options.key);
  }

  private async step(): Promise<void> {
    if (this.busy || !this.running) return;
    this.busy = true;
    const started = Date.now();
    try {
      if (this.holding) {
        const renewed = await this.client.eval(RENEW, { keys: [this.options.key], arguments: [this.options.nodeId, String(this.ttlMs)] });
        if (Number(renewed) === 1) this.confirmedAt = started;
        else this.lose('renewal refused: another node holds the lease');
      } else {
        const set = await this.client.set(this.options.key, this.options.nodeId, { condition: 'NX', expiration: { type: 'PX', value: this.ttlMs } });
        if (set === 'OK' && this.running) {
          this.holding = true;
          this.confirmedAt = started;
          this.options.logger.info('switch lease acquired', { nodeId: this.options.nodeId });
          this.emit('acquired');
        }
      }
    } catch (err) {
      // Without Redis we cannot prove we still hold it; give it up before it can have expired.
      if (this.holding && Date.now() - this.confirmedAt > (this.ttlMs * 2) / 3) this.lose(`redis unreachable: ${String(err)}`);
    } finally {
      this.busy = false;
    }
  }

  private lose(reason: string): void {
    if (!this.holding) return;
    this.holding = false;
    this.options.logger.warn('switch lease lost', { nodeId: this.options.nodeId, reason });
    this.emit('lost');
  }
}
