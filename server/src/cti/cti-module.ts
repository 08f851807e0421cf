import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { Router } from 'express';
import type { Clock } from '../domain/ports/clock.js';
import type { CustomerDirectory } from '../domain/ports/customer-directory.js';
import type { CallerLookups } from './caller-lookups.js';
import type { ConsoleLog } from '../domain/ports/console-log.js';
import type { InteractionLog } from '../domain/ports/interaction-log.js';
import type { Pbx } from '../domain/ports/pbx.js';
import { commandRouter } from '../http/command-router.js';
import { errorFields, type Logger } from '../logger.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { SessionEndings } from '../auth/session-endings.js';
import { RealtimeGateway, type SessionResolver } from '../realtime/gateway.js';
import { createRedisAdapter, type RedisAdapterHandle } from '../realtime/redis-adapter.js';
import { SwitchLease } from '../realtime/switch-lease.js';
import { CtiDispatcher } from './cti-dispatcher.js';
import { CtiService, type AgentSource, type PhoneDirectory } from './cti-service.js';
import { ctiSettings, type CtiSettings } from './cti-settings.js';
import type { PbxEventSource } from './pbx-event-source.js';
import type { QueueMembership } from './queue-membership.js';
import { loadSwitchTenants, type SwitchTenants, type TenantList } from '../tenancy/switch-tenants.js';
import type { TenantCallLimits } from './tenant-call-limits.js';
import type { ContactPolicy } from '../domain/ports/contact-policy.js';
import { DEFAULT_COMMAND_BUDGETS, FlexibleCommandLimiter, type CommandLimiter } from '../auth/command-limits.js';

export interface CtiModuleDeps {
  /** Which page origins may open a console socket; absent: any (tests that build the module alone). */
  origins?: OriginPolicy;
  /** Per-user command budgets shared with the REST API; absent: one in memory from settings.rateLimit. */
  commandLimiter?: CommandLimiter;
  /** Overrides of the CTI defaults (pop deadline, queues, wrap-up, pause reasons, dispositions, phone). */
  settings?: Partial<CtiSettings>;
  /** The agents repository: who sits behind which endpoint. */
  agents: AgentSource;
  /** Resolves the session cookie of a socket handshake (AuthService). */
  sessions: SessionResolver;
  /** Where ended sessions are announced; the gateway disconnects their sockets on every node. */
  sessionEndings?: SessionEndings;
  /** The HTTP server Socket.IO attaches to; may instead be given to start(). */
  httpServer?: HttpServer;
  pbx: Pbx;
  /** Facts from the switch; with start/stop the module runs the connection only while it holds the lease. */
  pbxEvents: PbxEventSource;
  directory: CustomerDirectory;
  /** One lookup per call, shared with the Stasis router (see CallerLookups). */
  callerLookups?: CallerLookups;
  interactionLog: InteractionLog;
  /** Each user's phone by endpoint (AgentPhones); without it everyone has the settings' phone. */
  phones?: PhoneDirectory;
  /** Who may join which queue; main.ts gives the live dial plan's members. */
  queueMembership?: QueueMembership;
  /** The consent ledger's word on outbound calls. */
  contactPolicy?: ContactPolicy;
  /** Which tenant owns each switch name; shared with the Stasis router. Without it: one default tenant. */
  tenants?: SwitchTenants;
  /** Where `tenants` is re-read from: on taking the switch over and on tenantsChanged(). */
  tenantList?: TenantList;
  /** Each tenant's concurrent-call limit (callLimitsFrom(TenantService.canStartCall)); without it: no limit. */
  callLimits?: TenantCallLimits;
  /** Where every node records consoles opening and closing (the agents repository). */
  consoleLog?: ConsoleLog;
  /** Several nodes: the Socket.IO Redis adapter plus a switch lease. Unset: one node owns everything. */
  redisUrl?: string | null;
  /** Prefix of every Redis key and channel of this deployment. */
  redisPrefix?: string;
  nodeId?: string;
  leaseTtlMs?: number;
  /** Other switch connections that must live only on the node holding the lease (the ARI Stasis router). */
  ownerHooks?: { onOwner(): void | Promise<void>; onStepDown(): void | Promise<void> };
  logger: Logger;
  clock?: Clock;
}

/** The CTI layer as main.ts wires it. */
export interface CtiModule {
  readonly service: CtiService;
  readonly dispatcher: CtiDispatcher;
  /** Mount under `/api` after requireSession. */
  readonly commandRouter: Router;
  readonly nodeId: string;
  /** The gateway; throws before start(). */
  gateway(): RealtimeGateway;
  /** True while this node holds the switch and runs the live state. */
  isOwner(): boolean;
  start(httpServer?: HttpServer): Promise<void>;
  stop(): Promise<void>;
  /** A tenant was created, renamed or deleted: re-reads the tenants here and on every other node. */
  tenantsChanged(): Promise<void>;
  /** Calls in progress of a tenant on the switch (usage figures); 0 on a node that does not hold the switch. */
  liveCallsOf(tenantId: string): number;
}

/**
 * Builds the CTI service, the command dispatcher, the REST router and (on start) the Socket.IO
 * gateway. One node: it owns the switch from start to stop. Several nodes (redisUrl): the node
 * holding the switch lease runs the connection and the live state, the others serve their
 * sockets through the Redis adapter and forward requests to it.
 */
export function createCtiModule(deps: CtiModuleDeps): CtiModule {
  const settings = ctiSettings(deps.settings);
  const logger = deps.logger;
  const nodeId = deps.nodeId ?? randomUUID();
  const service = new CtiService({
    source: deps.pbxEvents,
    pbx: deps.pbx,
    directory: deps.directory,
    ...(deps.callerLookups ? { callerLookups: deps.callerLookups } : {}),
    ...(deps.phones ? { phones: deps.phones } : {}),
    ...(deps.consoleLog ? { consoleLog: deps.consoleLog } : {}),
    ...(deps.queueMembership ? { queueMembership: deps.queueMembership } : {}),
    ...(deps.contactPolicy ? { contactPolicy: deps.contactPolicy } : {}),
    ...(deps.tenants ? { tenants: deps.tenants } : {}),
    ...(deps.callLimits ? { callLimits: deps.callLimits } : {}),
    interactionLog: deps.interactionLog,
    agents: deps.agents,
    settings,
    logger,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const dispatcher = new CtiDispatcher(service, logger);
  const router = commandRouter(dispatcher);
  let gateway: RealtimeGateway | null = null;
  let adapter: RedisAdapterHandle | null = null;
  let lease: SwitchLease | null = null;
  // Ownership changes run one after another, so an activation never overlaps a deactivation.
  let ownership: Promise<void> = Promise.resolve();
  let retry: NodeJS.Timeout | null = null;

  const reloadTenants = async (): Promise<void> => {
    if (deps.tenants && deps.tenantList) await loadSwitchTenants(deps.tenantList, deps.tenants);
  };
  const becomeOwner = (): void => {
    ownership = ownership.then(async () => {
      if (lease && !lease.held) return;
      try {
        // Tenants created while another node held the switch are known before the first event.
        await reloadTenants();
        await service.activate();
        await deps.ownerHooks?.onOwner();
      } catch (err) {
        logger.error('could not take over the switch; retrying', errorFields(err));
        retry = setTimeout(becomeOwner, 2000);
        retry.unref();
      }
    });
  };
  const stepDown = (): void => {
    ownership = ownership.then(async () => {
      await deps.ownerHooks?.onStepDown();
      await service.deactivate();
    }).catch((err: unknown) => logger.error('stepping down failed', errorFields(err)));
  };

  return {
    service,
    dispatcher,
    commandRouter: router,
    nodeId,
    gateway() {
      if (!gateway) throw new Error('CTI module not started');
      return gateway;
    },
    isOwner: () => service.active,
    async start(httpServer) {
      const server = httpServer ?? deps.httpServer;
      if (!server) throw new Error('createCtiModule needs an httpServer (in deps or start())');
      if (gateway) throw new Error('CTI module already started');
      const prefix = deps.redisPrefix ?? 'ringside';
      if (deps.redisUrl) adapter = await createRedisAdapter(deps.redisUrl, { key: `${prefix}:socket.io`, logger });
      gateway = new RealtimeGateway({
        httpServer: server,
        sessions: deps.sessions,
        dispatcher,
        service,
        logger,
        commandLimiter: deps.commandLimiter ?? FlexibleCommandLimiter.inMemory({ ...DEFAULT_COMMAND_BUDGETS, 'call-control': settings.rateLimit }),
        ...(deps.origins ? { origins: deps.origins } : {}),
        ...(adapter ? { adapter: adapter.adapter } : {}),
        ...(deps.consoleLog ? { consoleLog: deps.consoleLog } : {}),
        ...(deps.sessionEndings ? { sessionEndings: deps.sessionEndings } : {}),
        onPeerTenantsChanged: () => void reloadTenants().catch((err: unknown) => logger.error('could not re-read the tenants', errorFields(err))),
      });
      if (!deps.redisUrl) {
        becomeOwner();
        await ownership;
        return;
      }
      lease = new SwitchLease({ redisUrl: deps.redisUrl, key: `${prefix}:switch-lease`, nodeId, ttlMs: deps.leaseTtlMs ?? 5000, logger });
      lease.on('acquired', becomeOwner);
      lease.on('lost', stepDown);
      await lease.start();
      await ownership;
    },
    async tenantsChanged() {
      await reloadTenants();
      gateway?.announceTenantsChanged();
    },
    liveCallsOf(tenantId) {
      return service.active ? service.liveCallsOf(tenantId) : 0;
    },
    async stop() {
      if (retry) clearTimeout(retry);
      retry = null;
      await lease?.stop();
      lease = null;
      stepDown();
      await ownership;
      await gateway?.close();
      gateway = null;
      await service.stop();
      await adapter?.close();
      adapter = null;
    },
  };
}
