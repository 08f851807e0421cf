import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.js';
import { errorFields } from '../logger.js';

/** A Socket.IO adapter over Redis and the connections it owns. */
export interface RedisAdapterHandle {
  /** Pass to `new Server(..., { adapter })`. */
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

export interface RedisAdapterOptions {
  /** Channel prefix; nodes of one deployment share it, tests use a unique one. */
  key?: string;
  /** How long a cross-node request (serverSideEmit with ack, fetchSockets) waits for every node. */
  requestsTimeoutMs?: number;
  logger?: Logger;
}

/**
 * Connects the publish and subscribe clients and builds the Redis adapter, so room broadcasts,
 * socketsJoin and serverSideEmit reach the sockets and handlers of every node.
 */
export async function createRedisAdapter(url: string, options: RedisAdapterOptions = {}): Promise<RedisAdapterHandle> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  const onError = (err: unknown) => options.logger?.warn('redis adapter connection problem', errorFields(err));
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub, { key: options.key ?? 'ringside:socket.io', requestsTimeout: options.requestsTimeoutMs ?? 3000 }),
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
