import type { PbxEvent, PbxSim } from '@ringside/pbx-sim';
import { CallerLookups } from '../../cti/caller-lookups.js';
import type { CustomerDirectory } from '../../domain/ports/customer-directory.js';
import type { SwitchNaming } from '../../domain/switch-naming.js';
import { createLogger } from '../../logger.js';
import { AriClient } from '../../pbx/ari/index.js';
import { StasisRouter, type RoutedCall } from '../stasis-router.js';

const silent = createLogger('silent');

/** Where a call joined a queue, read from the switch itself. */
export function queueJoin(s: PbxSim, channelId: string): Promise<{ queue: string; prio: string | undefined; customerId: string | undefined }> {
  return new Promise((resolve) => {
    const off = s.engine.on((e: PbxEvent) => {
      if (e.name !== 'QueueCallerJoin' || e.channelId !== channelId) return;
      off();
      const ch = s.engine.channels.get(channelId);
      resolve({ queue: e.fields.find(([k]) => k === 'Queue')?.[1] ?? '', prio: ch?.vars.get('QUEUE_PRIO'), customerId: ch?.vars.get('RINGSIDE_CUSTOMER_ID') });
    });
  });
}

/** Resolves when the router finished with the channel. */
export function routed(router: StasisRouter, channelId: string): Promise<RoutedCall> {
  return new Promise((resolve) => {
    const on = (c: RoutedCall) => {
      if (c.channelId !== channelId) return;
      router.off('routed', on);
      resolve(c);
    };
    router.on('routed', on);
  });
}

/** A Stasis router on the sim's ARI (app `cti`), started and connected. */
export async function startRouting(
  sim: PbxSim,
  dir: CustomerDirectory,
  options: { lookupDeadlineMs?: number; callerLookups?: CallerLookups; tenants?: SwitchNaming } = {},
): Promise<{ ari: AriClient; router: StasisRouter; stop(): Promise<void> }> {
  const ari = new AriClient({ url: `http://127.0.0.1:${sim.httpPort}`, username: 'cti', password: 'cti-secret', app: 'cti', backoff: { initialMs: 20, maxMs: 200 } });
  const lookups = options.callerLookups ?? new CallerLookups(dir, silent, { maxAgeMs: 30_000, maxEntries: 100, now: Date.now });
  const router = new StasisRouter({ ari, lookups, defaultCountry: 'US', logger: silent, lookupDeadlineMs: options.lookupDeadlineMs ?? 2000, ...(options.tenants ? { tenants: options.tenants } : {}) });
  router.start();
  ari.start();
  await ari.whenReady();
  return {
    ari,
    router,
    stop: async () => {
      router.stop();
      await ari.stop();
    },
  };
}
