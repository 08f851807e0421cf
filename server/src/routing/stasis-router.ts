import { EventEmitter } from 'node:events';
import { toE164 } from '@ringside/shared';
import { CONTEXTS } from '@ringside/pbx-config';
import type { DirectoryLookup } from '../domain/ports/customer-directory.js';
import { decideStasisRoute, DEFAULT_STASIS_POLICY, parseStasisArgs, type CallerLookup, type StasisRoute, type StasisRoutingPolicy } from '../domain/stasis-routing.js';
import { errorFields, type Logger } from '../logger.js';
import { inTenant } from '../db/tenant-scope.js';
import { endpointOfChannel } from '../domain/events.js';
import { SINGLE_TENANT, endpointTenant, type SwitchNaming } from '../domain/switch-naming.js';
import { isStasisStart, stasisArgsOf, type AriChannel, type AriClient, type AriEvent, type AriResyncSnapshot, type DialplanTarget } from '../pbx/ari/index.js';

/** The part of the ARI client the router drives. */
export type StasisAri = Pick<AriClient, 'app' | 'on' | 'off' | 'setChannelVar' | 'continueInDialplan'>;

export interface StasisRouterOptions {
  ari: StasisAri;
  /** The caller lookups the CTI shares (CallerLookups): a caller already looked up is not asked for again. */
  lookups: { lookup(callId: string, e164: string): Promise<DirectoryLookup> };
  defaultCountry: string;
  logger: Logger;
  policy?: Partial<StasisRoutingPolicy>;
  /** The CRM gets this long; then the call is routed without it. */
  lookupDeadlineMs?: number;
  /** Deadline of each ARI request the router sends. */
  requestTimeoutMs?: number;
  /**
   * Where a queue's callers enter the dial plan; `queue` is the tenant's local name. By default the
   * rendered `<prefix>-ringside-queue-<name>,s,1` of the call's tenant.
   */
  queueTarget?: (queue: string, tenantId: string) => DialplanTarget;
  /** Which tenant owns the channel's dial-plan context (SwitchTenants); one default tenant without it. */
  tenants?: SwitchNaming;
}

/** What happened to one call that entered Stasis. */
export interface RoutedCall {
  channelId: string;
  /** null for a channel that was not an inbound call: it was only let go. */
  route: StasisRoute | null;
  /** `target`: continued into the queue; `fallthrough`: released to the step after Stasis(); `gone`: hung up meanwhile; `stuck`: could not be released. */
  outcome: 'target' | 'fallthrough' | 'gone' | 'stuck';
}

interface RouterEvents {
  routed: [call: RoutedCall];
}

/**
 * Ringside-controlled routing for `stasis` destinations. A call entering the application with
 * `inbound,...` arguments is looked up in the CRM (within a deadline), ranked by the domain's
 * policy, tagged with QUEUE_PRIO and RINGSIDE_CUSTOMER_ID, and continued into its queue's
 * context. Nothing leaves a caller in Stasis: a failed lookup routes with the default, a failed
 * continue releases the channel to the dial plan's fallthrough after Stasis().
 */
export class StasisRouter extends EventEmitter<RouterEvents> {
  private readonly policy: StasisRoutingPolicy;
  private readonly inFlight = new Set<string>();
  private readonly onEvent = (e: AriEvent) => {
    if (isStasisStart(e) && (e.application === undefined || e.application === this.options.ari.app)) this.route(e.channel, e.args);
  };
  // Channels that entered Stasis while the events socket was down sit there until someone acts.
  private readonly onResync = (s: AriResyncSnapshot) => {
    for (const ch of s.channels) {
      const args = stasisArgsOf(ch, this.options.ari.app);
      if (args) this.route(ch, args);
    }
  };

  constructor(private readonly options: StasisRouterOptions) {
    super();
    this.policy = { ...DEFAULT_STASIS_POLICY, ...options.policy };
  }

  start(): void {
    this.options.ari.on('event', this.onEvent);
    this.options.ari.on('resynced', this.onResync);
  }

  stop(): void {
    this.options.ari.off('event', this.onEvent);
    this.options.ari.off('resynced', this.onResync);
  }

  /** Calls being routed now. */
  get pending(): number {
    return this.inFlight.size;
  }

  private route(channel: AriChannel, args: string[]): void {
    if (this.inFlight.has(channel.id)) return;
    this.inFlight.add(channel.id);
    void this.routeOne(channel, args)
      .then((call) => this.emit('routed', call))
      .catch((err: unknown) => this.options.logger.error('stasis routing failed', { channelId: channel.id, ...errorFields(err) }))
      .finally(() => this.inFlight.delete(channel.id));
  }

  /**
   * The tenant of a call in Stasis: the dial-plan context it runs Stasis() in is one of its tenant's
   * (`acme-ringside-inbound`, `acme-ringside-ivr-main`: the DID was forwarded there), else the
   * endpoint it came in on.
   */
  private tenantOf(channel: AriChannel): string {
    const naming = this.options.tenants ?? SINGLE_TENANT;
    const context = channel.dialplan?.context;
    const byContext = context ? naming.owner(context).tenantId : null;
    const fallback = naming.owner('').tenantId;
    if (byContext && byContext !== fallback) return byContext;
    return endpointTenant(naming, endpointOfChannel(channel.name));
  }

  private async routeOne(channel: AriChannel, args: string[]): Promise<RoutedCall> {
    const tenantId = this.tenantOf(channel);
    // The customer lookup reads the call's tenant's rows only; the route stays in its queues.
    return inTenant(tenantId, () => this.routeInTenant(channel, args, tenantId));
  }

  private async routeInTenant(channel: AriChannel, args: string[], tenantId: string): Promise<RoutedCall> {
    const { ari, logger } = this.options;
    const timeoutMs = this.options.requestTimeoutMs ?? 2000;
    const request = parseStasisArgs(args);
    if (request.kind !== 'inbound') {
      logger.info('stasis: no routing for these arguments; releasing to the dial plan', { channelId: channel.id, args });
      return { channelId: channel.id, route: null, outcome: await this.release(channel.id, undefined, timeoutMs) };
    }
    const lookup = await this.lookup(channel.id, channel.caller.number);
    const route = decideStasisRoute(request, lookup, this.policy);
    try {
      await ari.setChannelVar(channel.id, 'QUEUE_PRIO', String(route.priority), timeoutMs);
      if (route.customerId) await ari.setChannelVar(channel.id, 'RINGSIDE_CUSTOMER_ID', route.customerId, timeoutMs);
    } catch (err) {
      // The call still goes to its queue, only without the ranking.
      logger.warn('stasis: could not set routing variables', { channelId: channel.id, ...errorFields(err) });
    }
    const target = this.options.queueTarget ? this.options.queueTarget(route.queue, tenantId) : this.defaultQueueTarget(route.queue, tenantId);
    if (!target) {
      logger.warn('stasis: the call\'s tenant is not on this switch; releasing to the dial plan', { channelId: channel.id, tenantId });
      return { channelId: channel.id, route, outcome: await this.release(channel.id, undefined, timeoutMs) };
    }
    const outcome = await this.release(channel.id, target, timeoutMs);
    logger.info('stasis: call routed', { channelId: channel.id, tenantId, queue: route.queue, priority: route.priority, reason: route.reason, customerId: route.customerId, outcome });
    return { channelId: channel.id, route, outcome };
  }

  private async lookup(channelId: string, callerNumber: string): Promise<CallerLookup> {
    const e164 = toE164(callerNumber, this.options.defaultCountry);
    if (!e164) return { status: 'unknown-number' };
    const deadlineMs = this.options.lookupDeadlineMs ?? 500;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<CallerLookup>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'failed', reason: 'timeout' }), deadlineMs);
    });
    // The caller's own channel's id is the call's Linkedid, the key the CTI prefetched under.
    const found = this.options.lookups.lookup(channelId, e164).then(
      (r): CallerLookup => (r.customers.length > 0 ? { status: 'found', customers: r.customers } : { status: 'unknown-number' }),
      (err: unknown): CallerLookup => {
        this.options.logger.warn('stasis: customer lookup failed; routing with the default', errorFields(err));
        return { status: 'failed', reason: 'error' };
      },
    );
    try {
      const result = await Promise.race([found, deadline]);
      if (result.status === 'failed' && result.reason === 'timeout') this.options.logger.warn('stasis: customer lookup missed its deadline; routing with the default', { deadlineMs });
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The tenant's rendered queue context (`acme-ringside-queue-support`); null when the tenant has no names on this switch. */
  private defaultQueueTarget(queue: string, tenantId: string): DialplanTarget | null {
    const context = (this.options.tenants ?? SINGLE_TENANT).switchName(tenantId, CONTEXTS.queue(queue));
    return context ? { context, extension: 's', priority: 1 } : null;
  }

  /** Continues at `target`; failing that, to the step after Stasis() so the caller is never stuck. */
  private async release(channelId: string, target: DialplanTarget | undefined, timeoutMs: number): Promise<RoutedCall['outcome']> {
    const { ari, logger } = this.options;
    try {
      await ari.continueInDialplan(channelId, target, timeoutMs);
      return target ? 'target' : 'fallthrough';
    } catch (err) {
      if (isGone(err)) return 'gone';
      if (!target) {
        logger.error('stasis: could not release the channel', { channelId, ...errorFields(err) });
        return 'stuck';
      }
      logger.warn('stasis: continue to the queue failed; falling through', { channelId, ...target, ...errorFields(err) });
    }
    return this.release(channelId, undefined, timeoutMs);
  }
}


function isGone(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'CALL_NOT_FOUND';
}
