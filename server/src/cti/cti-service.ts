import type { QueueMembership } from './queue-membership.js';
import type { ContactPolicy } from '../domain/ports/contact-policy.js';
import { EventEmitter } from 'node:events';
import { RingsideError, type ErrorBody, type PhoneConfig, type Room, type RoomDelta, type ScreenPop, type SessionUser, type Snapshot } from '@ringside/shared';
import { ctiConfig } from '../domain/cti-config.js';
import type { CtiEffect, CtiOutcome } from '../domain/cti-batch.js';
import { CtiState, type CtiResult } from '../domain/cti-state.js';
import type { DomainEvent } from '../domain/events.js';
import { systemClock, type Clock } from '../domain/ports/clock.js';
import type { ConsoleLog } from '../domain/ports/console-log.js';
import type { CustomerDirectory } from '../domain/ports/customer-directory.js';
import type { InteractionLog } from '../domain/ports/interaction-log.js';
import type { Pbx } from '../domain/ports/pbx.js';
import { asSystem, inTenant } from '../db/tenant-scope.js';
import { errorFields, type Logger } from '../logger.js';
import { SINGLE_TENANT, endpointResource, localQueue, type SwitchNaming } from '../domain/switch-naming.js';
import { ALLOW_ALL_CALLS, type TenantCallLimits } from './tenant-call-limits.js';
import { tenantOfEffect } from './effect-tenant.js';
import { changedQueueRooms } from './queue-rooms.js';
import { AgentPresence, readConsoleUses, type ConsoleProbe, type ConsoleProblem } from './agent-presence.js';
import { CALLER_LOOKUP_MAX_AGE_MS, CallerLookups } from './caller-lookups.js';
import type { CtiSettings } from './cti-settings.js';
import { HandledToday } from './handled-today.js';
import { InteractionWriter } from './interaction-writer.js';
import { RoomDeltaCoalescer } from './room-delta-coalescer.js';
import type { PbxBaseline, PbxEventSource, PbxResync } from './pbx-event-source.js';
import { ScreenPopSender } from './screen-pop-sender.js';
import { snapshotOf } from './tenant-snapshots.js';

/** The agents the CTI knows at start (the agents repository). */
export interface AgentSource {
  list(): Promise<Array<{ id: string; tenantId?: string; displayName: string; endpoint: string; extension: string }>>;
}

/** A console's first picture, and what went wrong signing its agent in (for that console to show). */
export interface ConnectResult {
  snapshot: Snapshot;
  problems: ConsoleProblem[];
}

/** What the service announces; the gateway turns these into Socket.IO emits. */
export interface CtiServiceEvents {
  deltas: [deltas: RoomDelta[]];
  /** A pop for the agent's room of `tenantId` (the agent's tenant). */
  pop: [pop: ScreenPop, kind: 'screenPop' | 'screenPopRecord', tenantId: string];
  agentError: [agentId: string, tenantId: string, error: ErrorBody['error']];
  /** The agent's queue memberships changed: their sockets belong in exactly these queue rooms (local names) of their tenant. */
  memberships: [agentId: string, tenantId: string, queues: string[]];
  forcedLogout: [agentId: string, tenantId: string];
  /** The state was rebuilt from scratch (this node took the switch over): every socket needs a fresh snapshot. */
  rebuilt: [];
}

export interface CtiServiceDeps {
  source: PbxEventSource;
  pbx: Pbx;
  directory: CustomerDirectory;
  /** Shared with the Stasis router so a call's caller is looked up once; built over `directory` when absent. */
  callerLookups?: CallerLookups;
  interactionLog: InteractionLog;
  agents: AgentSource;
  settings: CtiSettings;
  /** Each user's phone by their endpoint (AgentPhones); without it everyone has `settings.phone`. */
  phones?: PhoneDirectory;
  /** Consoles opened and closed on every node; a new owner finishes pending away sign-outs from it. */
  consoleLog?: ConsoleLog;
  /** Who may join which queue (the live dial plan's members); without it any queue may be joined. */
  queueMembership?: QueueMembership;
  /** The consent ledger's word on outbound calls; without it every number may be dialled. */
  contactPolicy?: ContactPolicy;
  /** Which tenant a queue or endpoint name belongs to (SwitchTenants); without it every call is the default tenant's. */
  tenants?: SwitchNaming;
  /** Each tenant's concurrent-call limit, asked before an originate; without it every call may start. */
  callLimits?: TenantCallLimits;
  logger: Logger;
  clock?: Clock;
  writer?: InteractionWriter;
}

/** Which phone an agent endpoint is: a desk phone the server drives, or a browser softphone. */
export interface PhoneDirectory {
  of(endpoint: string): PhoneConfig;
}

/**
 * The CTI application service: owns the live CtiState while this node holds the switch, feeds it
 * the switch's facts in order, and carries out what the domain decides (pops, interaction
 * writes, wrap-up timers, deltas). Commands reach it through the command registry.
 */
export class CtiService extends EventEmitter<CtiServiceEvents> {
  readonly pbx: Pbx;
  readonly settings: CtiSettings;
  readonly writer: InteractionWriter;
  readonly queueMembership: QueueMembership | null;
  readonly contactPolicy: ContactPolicy | null;
  readonly naming: SwitchNaming;
  readonly callLimits: TenantCallLimits;
  /** The CRM as commands naming a customer check it (in the command's tenant). */
  readonly directory: CustomerDirectory;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly pops: ScreenPopSender;
  private readonly presence: AgentPresence;
  private readonly lookups: CallerLookups;
  private readonly phones: PhoneDirectory | null;
  private cti: CtiState | null = null;
  /** Each agent's tenant, read with the agents at activation. */
  private agentTenants = new Map<string, string>();
  private ticker: NodeJS.Timeout | null = null;
  private readonly wrapTimers = new Map<string, NodeJS.Timeout>();
  private readonly handled: HandledToday;
  private readonly roomsOf = new Map<string, string>();
  private readonly pendingPops = new Set<Promise<void>>();
  private readonly coalescer: RoomDeltaCoalescer;
  private readonly onEvents = (events: DomainEvent[]) => this.applyAll(events);
  private readonly onResync = (resync: PbxResync) => this.resync(resync);

  constructor(private readonly deps: CtiServiceDeps) {
    super();
    this.pbx = deps.pbx;
    this.settings = deps.settings;
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger;
    this.writer = deps.writer ?? new InteractionWriter(deps.interactionLog, deps.logger);
    this.presence = new AgentPresence(this, deps.settings.awayLogoutSeconds, deps.logger);
    this.phones = deps.phones ?? null;
    this.queueMembership = deps.queueMembership ?? null;
    this.contactPolicy = deps.contactPolicy ?? null;
    this.naming = deps.tenants ?? SINGLE_TENANT;
    this.callLimits = deps.callLimits ?? ALLOW_ALL_CALLS;
    this.directory = deps.directory;
    this.handled = new HandledToday(deps.interactionLog, this.clock, deps.settings.utcOffsetMinutes, deps.logger);
    this.lookups = deps.callerLookups ?? new CallerLookups(deps.directory, deps.logger, { maxAgeMs: CALLER_LOOKUP_MAX_AGE_MS, maxEntries: 20_000, now: () => this.clock.now() });
    this.pops = new ScreenPopSender(
      this.lookups,
      {
        pop: (pop, kind) => this.emit('pop', pop, kind, this.tenantOfAgent(pop.agentId)),
        failed: (context, message) => this.reportToAgent(context.agentId, { code: 'DB_UNAVAILABLE', message }),
        identified: (callId, customerId) => this.cti?.attachCustomer(callId, customerId),
      },
      deps.logger,
      { deadlineMs: deps.settings.popDeadlineMs },
    );
    this.coalescer = new RoomDeltaCoalescer(deps.settings.queueUpdateIntervalMs, (deltas) => this.emit('deltas', deltas));
  }

  /** True while this node holds the switch and the state is live. */
  get active(): boolean {
    return this.cti !== null;
  }

  /** Builds a fresh state from the agents repository and starts following the switch. */
  async activate(): Promise<void> {
    if (this.cti) return;
    // Read before the state exists, so restoring the presence below cannot race a deactivation.
    // The whole switch's agents and today's figures: platform work across tenants.
    const [agents, consoleUses] = await asSystem(() => Promise.all([this.deps.agents.list(), readConsoleUses(this.deps.consoleLog, this.logger)]));
    await asSystem(() => this.handled.load());
    this.agentTenants = new Map(agents.map((a) => [a.id, a.tenantId ?? this.naming.owner(endpointResource(a.endpoint)).tenantId]));
    const s = this.settings;
    this.cti = new CtiState(
      ctiConfig({
        agents: agents.map((a) => ({ agentId: a.id, name: a.displayName, endpoint: a.endpoint, extension: a.extension, ...(a.tenantId ? { tenantId: a.tenantId } : {}) })),
        naming: this.naming,
        queues: s.queues,
        defaultServiceLevelSeconds: s.defaultServiceLevelSeconds,
        defaultWrapUpSeconds: s.defaultWrapUpSeconds,
        pauseReasons: s.pauseReasons,
        defaultCountry: s.defaultCountry,
        utcOffsetMinutes: s.utcOffsetMinutes,
      }),
      this.clock,
    );
    this.roomsOf.clear();
    this.coalescer.reset();
    this.deps.source.on('events', this.onEvents);
    this.deps.source.on('resync', this.onResync);
    const last = this.deps.source.lastResync?.();
    if (last) this.resync(last);
    this.deps.source.start?.();
    this.ticker = setInterval(() => {
      this.publishSafely(() => this.state().tick());
      this.presence.tick();
      this.lookups.refreshStale();
    }, s.tickMs);
    this.ticker.unref();
    this.presence.restore(consoleUses, this.clock.now());
    this.logger.info('CTI state active', { agents: agents.length });
    this.emit('rebuilt');
  }

  /** Stops following the switch and forgets the live state (another node took over, or shutdown). */
  async deactivate(): Promise<void> {
    if (!this.cti) return;
    this.deps.source.off('events', this.onEvents);
    this.deps.source.off('resync', this.onResync);
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    for (const t of this.wrapTimers.values()) clearTimeout(t);
    this.wrapTimers.clear();
    this.presence.clear();
    this.coalescer.reset();
    this.lookups.clear();
    this.cti = null;
    await this.deps.source.stop?.();
    this.logger.info('CTI state inactive');
  }

  /** Deactivates and flushes interaction writes. */
  async stop(): Promise<void> {
    await this.deactivate();
    this.pops.stop();
    await this.writer.stop();
  }

  /** The live state; PBX_UNAVAILABLE when this node does not hold the switch. */
  state(): CtiState {
    if (!this.cti) throw new RingsideError('PBX_UNAVAILABLE', 'this node does not hold the switch connection');
    return this.cti;
  }

  /** Pops still waiting for the directory (tests wait on them). */
  async popsSettled(): Promise<void> {
    await Promise.all([...this.pendingPops]);
  }

  /**
   * A console connects: the agent is made known (from their session) and signed in, their
   * "Logged out" pauses lifted at the switch before the snapshot is taken, so a call placed as
   * soon as the console has its snapshot can reach them.
   */
  async connect(user: SessionUser): Promise<ConnectResult> {
    const cti = this.state();
    let problems: ConsoleProblem[] = [];
    if (user.agent && user.role === 'agent') {
      const existing = cti.agent(user.agent.id);
      const entry = existing?.entry;
      const tenantId = user.tenant.id;
      if (!entry || entry.endpoint !== user.agent.endpoint || entry.extension !== user.agent.extension || entry.name !== user.displayName || entry.tenantId !== tenantId) {
        cti.upsertAgent({ agentId: user.agent.id, name: user.displayName, endpoint: user.agent.endpoint, extension: user.agent.extension, tenantId });
        this.agentTenants.set(user.agent.id, tenantId);
      }
      problems = await this.presence.signIn(user.agent.id);
    }
    return { snapshot: this.snapshotFor(user), problems };
  }

  /** The agent signs out: paused in every queue at the switch, then logged out; refused on a call. */
  signOut(agentId: string): Promise<void> {
    return this.presence.signOut(agentId);
  }

  /** One of the agent's consoles closed (on any node): they are signed out if none is back in time. */
  away(user: SessionUser): void {
    this.state();
    if (user.agent && user.role === 'agent') this.presence.away(user.agent.id);
  }

  /** How the service learns whether an agent still has a console anywhere (set by the gateway). */
  setConsoleProbe(probe: ConsoleProbe | null): void {
    this.presence.setProbe(probe);
  }

  /**
   * The picture a user may see, all of it of their session's tenant: their own for an agent,
   * the tenant's agents, queues and calls for a supervisor or admin.
   */
  snapshotFor(user: SessionUser): Snapshot {
    const snapshot = snapshotOf(this.state(), user, { settings: this.settings, naming: this.naming, handled: this.handled, phones: this.phones });
    for (const room of Object.keys(snapshot.seqs)) {
      if (this.coalescer.holds(room)) snapshot.seqs[room] = this.coalescer.settle(user.tenant.id, room as Room);
    }
    return snapshot;
  }

  /** The agent's tenant: the live state's, else the agents row's read at activation, else the unprefixed tenant. */
  tenantOfAgent(agentId: string): string {
    return this.cti?.tenantOfAgent(agentId) ?? this.agentTenants.get(agentId) ?? this.naming.owner('').tenantId;
  }

  /** Sends an error to the agent's consoles (a failed lookup, a click-to-dial that failed after its ack). */
  reportToAgent(agentId: string, error: ErrorBody['error']): void {
    this.emit('agentError', agentId, this.tenantOfAgent(agentId), error);
  }

  /** Calls in progress of the tenant: what its concurrent-call limit counts. */
  liveCallsOf(tenantId: string): number {
    return this.state().callViews().filter((c) => c.tenantId === tenantId).length;
  }

  /** Publishes a command's outcome, or throws its refusal as a RingsideError. */
  publishResult(result: CtiResult): CtiOutcome {
    if (!result.ok) throw new RingsideError(result.code, result.message);
    this.publish(result.outcome);
    return result.outcome;
  }

  /** Carries out an outcome: bookkeeping effects, then deltas, then pops and writes. */
  publish(outcome: CtiOutcome): void {
    for (const e of outcome.effects) if (e.kind === 'interaction') this.handled.count(e.record.agentId, e.record.answeredAt, e.record.endedAt);
    if (outcome.deltas.length > 0) {
      const deltas = outcome.deltas.map((d) => ({
        ...d,
        changes: d.changes.map((c) => (c.type === 'agent' ? { ...c, agent: this.handled.withCount(c.agent) } : c)),
      }));
      this.coalescer.route(deltas);
      this.syncMemberships(deltas);
    }
    for (const e of outcome.effects) this.carryOut(e);
  }

  // ---- internals ------------------------------------------------------------------------------

  private applyAll(events: DomainEvent[]): void {
    for (const event of events) this.publishSafely(() => this.state().apply(event));
  }

  private resync(resync: PbxResync): void {
    if (!this.cti) return;
    // The whole switch, by its own names: the switch reports every tenant's channels and members.
    const baseline: PbxBaseline = {
      calls: this.cti.callViews().map((c) => ({ callId: c.callId, legs: c.legs.map((l) => ({ uniqueid: l.uniqueid, state: l.state })) })),
      members: this.cti.switchMembers(),
    };
    const events = resync.events(baseline);
    this.logger.info('CTI resync', { events: events.length });
    this.applyAll(events);
    // The state now holds exactly what the switch has: any open interaction not among its legs
    // ended while no node was watching (a crash, a failover) and is closed by recovery.
    const live = this.cti.callViews().flatMap((c) => c.legs.map((l) => l.uniqueid));
    this.writer.enqueue({ kind: 'reconcile', liveLegIds: live, at: this.clock.now() });
  }

  /** One bad event or effect must never stop the ones after it. */
  private publishSafely(step: () => CtiOutcome): void {
    if (!this.cti) return;
    try {
      this.publish(step());
    } catch (err) {
      this.logger.error('CTI step failed', errorFields(err));
    }
  }

  private carryOut(effect: CtiEffect): void {
    const lookups = { tenantOfCall: (id: string) => this.cti?.tenantOfCall(id), tenantOfAgent: (id: string) => this.tenantOfAgent(id), naming: this.naming };
    inTenant(tenantOfEffect(effect, lookups), () => this.carryOutScoped(effect));
  }

  private carryOutScoped(effect: CtiEffect): void {
    switch (effect.kind) {
      case 'screenPop': {
        const p = this.pops.send(effect.context).finally(() => this.pendingPops.delete(p));
        this.pendingPops.add(p);
        break;
      }
      case 'callerKnown':
        this.lookups.prefetch(effect.callId, effect.e164);
        break;
      case 'callGone':
        this.lookups.forget(effect.callId);
        break;
      // The tenant's rows name its queue as its dial plan does (`support`, not `acme-support`).
      case 'interaction':
        this.writer.enqueue({ kind: 'record', record: { ...effect.record, queue: localQueue(this.naming, effect.record.queue) } });
        break;
      case 'interactionOpened':
        this.writer.enqueue({ kind: 'open', record: { ...effect.record, queue: localQueue(this.naming, effect.record.queue) } });
        break;
      case 'disposition':
        this.writer.enqueue({ kind: 'disposition', legId: effect.legId, code: effect.code, notes: effect.notes });
        break;
      case 'wrapUpTimer': {
        const previous = this.wrapTimers.get(effect.agentId);
        if (previous) clearTimeout(previous);
        const timer = setTimeout(() => {
          this.wrapTimers.delete(effect.agentId);
          const cti = this.cti;
          if (!cti) return;
          // A stale timer (the agent already left wrap-up) is refused by the domain; nothing to report.
          const result = cti.wrapUpExpired(effect.agentId);
          if (result.ok) this.publish(result.outcome);
        }, Math.max(0, effect.at - this.clock.now()) + 5);
        timer.unref();
        this.wrapTimers.set(effect.agentId, timer);
        break;
      }
      case 'agentStateChanged':
        this.logger.debug('agent state', { agentId: effect.event.agentId, from: effect.event.from.kind, to: effect.event.to.kind, cause: effect.event.cause });
        break;
      case 'anomaly':
        this.logger.debug('CTI anomaly', { message: effect.message });
        break;
    }
  }

  private syncMemberships(deltas: RoomDelta[]): void {
    for (const [agentId, tenantId, queues] of changedQueueRooms(deltas, this.roomsOf)) this.emit('memberships', agentId, tenantId, queues);
  }
}
