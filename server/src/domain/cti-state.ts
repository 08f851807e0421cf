import type { AgentSnapshot, CallView, Colleague, ErrorCode, QueueView, Room, SupervisorSnapshot } from '@ringside/shared';
import * as machine from './agent-state.js';
import { agentsOf, callTenant, callView, muteLeg, sameJson, type Call } from './call.js';
import { applyMemberEvent, onAgentLeg, transitionAgent, type AgentSide } from './cti-agents.js';
import { reduceCall, type CallContext, type CallEvent, type CallFact } from './call-reducer.js';
import { RoomSequencer, deltasOf, newBatch, type Batch, type CtiOutcome } from './cti-batch.js';
import type { AgentDirectoryEntry, CtiConfig, QueueSettings } from './cti-config.js';
import { SUPERVISORS_ROOM, agentRoom, agentTenant, agentView, queueRoom, queueView, type AgentRecord } from './cti-views.js';
import type { DomainEvent } from './events.js';
import { reachedAnAgent, unansweredCallRecord } from './interaction-records.js';
import type { Clock } from './ports/clock.js';
import type { InteractionRecord } from './ports/interaction-log.js';
import { QueueStatsBook } from './queue-stats.js';
import type { SwitchNaming } from './switch-naming.js';
import { CallTenants, QueueMembers } from './cti-indexes.js';

/** A command's outcome, or why it was refused (state unchanged). */
export type CtiResult = { ok: true; outcome: CtiOutcome } | { ok: false; code: ErrorCode; message: string };

/** How many ended calls and logged legs are remembered to drop late duplicate events. */
const MEMORY = 10_000;

function remember(set: Set<string>, key: string): void {
  set.add(key);
  if (set.size > MEMORY) set.delete(set.values().next().value as string);
}

/**
 * The live CTI state: agents, calls and queue statistics, changed only by applying domain events
 * (facts from the switch) and agent commands, one at a time, in order. Each change yields the
 * deltas for exactly the rooms that may see it, with per-room sequence numbers, and the effects
 * to carry out. No I/O happens here.
 */
export class CtiState {
  private readonly agents = new Map<string, AgentRecord>();
  private readonly members = new QueueMembers(() => this.agents.values());
  private readonly byEndpoint = new Map<string, string>();
  private readonly calls = new Map<string, Call>();
  private readonly queueSettings = new Map<string, QueueSettings>();
  private readonly sequencer = new RoomSequencer();
  private readonly endedCalls = new Set<string>();
  private readonly loggedLegs = new Set<string>();
  private readonly callContext: CallContext;
  private readonly side: AgentSide;
  /** To take a call away from a tenant it stopped belonging to, and to know a call's tenant after it ended. */
  private readonly callTenants = new CallTenants(MEMORY);
  private readonly naming: SwitchNaming;
  /** Queue statistics; read them through the views. */
  readonly stats: QueueStatsBook;

  constructor(
    private readonly config: CtiConfig,
    private readonly clock: Clock,
  ) {
    this.naming = config.naming;
    this.stats = new QueueStatsBook({ utcOffsetMinutes: config.utcOffsetMinutes, retainDays: config.retainDays });
    for (const q of config.queues) this.queueSettings.set(q.name, q);
    for (const a of config.agents) this.upsertAgent(a);
    this.side = {
      stats: this.stats,
      settingsOf: (q) => this.settingsOf(q),
      defaultWrapUpSeconds: config.defaultWrapUpSeconds,
      log: (record, batch) => this.log(record, batch),
      naming: config.naming,
    };
    this.callContext = { agentIdOf: (endpoint) => this.byEndpoint.get(endpoint) ?? null, defaultCountry: config.defaultCountry };
  }

  /** Adds an agent or updates their name and devices (their state is kept). */
  upsertAgent(entry: AgentDirectoryEntry): void {
    this.members.stale();
    const existing = this.agents.get(entry.agentId);
    if (existing) this.byEndpoint.delete(existing.entry.endpoint);
    this.byEndpoint.set(entry.endpoint, entry.agentId);
    if (existing) existing.entry = { ...entry };
    else {
      this.agents.set(entry.agentId, {
        entry: { ...entry },
        status: machine.initialAgentState(this.clock.now()),
        memberships: new Map(),
        lastCall: null,
        pendingDisposition: null,
        pendingHandle: null,
      });
    }
  }

  /** Applies one fact from the switch. Facts are never refused: what cannot apply is reported as an anomaly. */
  apply(event: DomainEvent): CtiOutcome {
    const batch = newBatch();
    if ('linkedid' in event) this.applyCallEvent(event, batch);
    else {
      const agentId = this.byEndpoint.get(event.endpoint);
      const rec = agentId ? this.agents.get(agentId) : undefined;
      if (rec) {
        this.members.stale();
        applyMemberEvent(this.side, rec, event, batch);
      }
    }
    return this.finish(batch, event.at);
  }

  // ---- agent commands -------------------------------------------------------------------------

  /** The agent signs in to the console and becomes ready. */
  login(agentId: string): CtiResult {
    return this.command(agentId, 'login', (s, at) => machine.login(s, at));
  }

  /** The agent signs out; refused while a call rings or runs. */
  logout(agentId: string): CtiResult {
    return this.command(agentId, 'logout', (s, at) => machine.logout(s, at));
  }

  /** A supervisor signs the agent out whatever they are doing. */
  forceLogout(agentId: string): CtiResult {
    return this.command(agentId, 'forceLogout', (s, at) => machine.forceLogout(s, at));
  }

  /** The agent becomes ready (ends a pause or wrap-up). */
  unpause(agentId: string): CtiResult {
    return this.command(agentId, 'unpause', (s, at) => machine.goReady(s, at));
  }

  /** The agent (or a supervisor) pauses with a configured reason. */
  pause(agentId: string, reason: string): CtiResult {
    const reasons = this.config.pauseReasons;
    if (reasons.length > 0 && !reasons.includes(reason)) {
      return { ok: false, code: 'INVALID_INPUT', message: `unknown pause reason "${reason}"; expected one of ${reasons.join(', ')}` };
    }
    return this.command(agentId, 'pause', (s, at) => machine.pause(s, reason, at));
  }

  /** The wrap-up timer fired; stale timers are refused harmlessly. */
  wrapUpExpired(agentId: string): CtiResult {
    return this.command(agentId, 'wrapUpExpired', (s, at) => machine.wrapUpExpired(s, at));
  }

  /** Ends every wrap-up that is due; for a runner that ticks instead of keeping timers. */
  tick(): CtiOutcome {
    const batch = newBatch();
    const at = this.clock.now();
    for (const rec of this.agents.values()) {
      if (rec.status.kind === 'wrap_up' && rec.status.until <= at) {
        transitionAgent(this.side, rec, machine.wrapUpExpired(rec.status, at), 'wrapUpExpired', at, batch);
      }
    }
    return this.finish(batch, at);
  }

  /** Records the outcome of the agent's last call (or of the current one, stored with its record). */
  setDisposition(agentId: string, callId: string, code: string, notes: string | null): CtiResult {
    const rec = this.agents.get(agentId);
    if (!rec) return { ok: false, code: 'AGENT_NOT_FOUND', message: `no agent ${agentId}` };
    const batch = newBatch();
    if (rec.lastCall?.callId === callId) {
      rec.lastCall.disposition = code;
      batch.effects.push({ kind: 'disposition', legId: rec.lastCall.legId, code, notes });
    } else if (machine.currentCallId(rec.status) === callId) {
      rec.pendingDisposition = { callId, code, notes };
    } else {
      return { ok: false, code: 'CALL_NOT_FOUND', message: `agent ${agentId} has no call ${callId} to dispose` };
    }
    batch.agents.add(agentId);
    return { ok: true, outcome: this.finish(batch, this.clock.now()) };
  }

  /** Links a call to the customer the pop (or the agent) identified; their interactions carry it. */
  attachCustomer(callId: string, customerId: string): boolean {
    const call = this.calls.get(callId);
    if (!call) return false;
    this.calls.set(callId, { ...call, customerId });
    return true;
  }

  /** The switch accepted a mute (or unmute) of a leg: the call's view carries it to every room that sees the call. */
  setLegMuted(callId: string, uniqueid: string, on: boolean): CtiResult {
    const call = this.calls.get(callId);
    if (!call) return { ok: false, code: 'CALL_NOT_FOUND', message: `no call ${callId} in progress` };
    const result = muteLeg(call, uniqueid, on);
    if (!result.ok) return result;
    const batch = newBatch();
    if (result.call !== call) {
      this.calls.set(callId, result.call);
      batch.calls.set(callId, result.call);
    }
    return { ok: true, outcome: this.finish(batch, this.clock.now()) };
  }

  // ---- read models ----------------------------------------------------------------------------

  /** The agent's own state, own calls and the queues they belong to, with the seqs (of their tenant's rooms) to continue from. */
  agentSnapshot(agentId: string): AgentSnapshot | null {
    const rec = this.agents.get(agentId);
    if (!rec) return null;
    const at = this.clock.now();
    const calls = [...this.calls.values()].filter((c) => agentsOf(c).includes(agentId)).map((c) => callView(c, at, this.naming));
    const queues = [...rec.memberships.keys()].map((q) => this.queueViewOf(q, at));
    const rooms = [agentRoom(agentId), ...queues.map((q) => queueRoom(q.name))];
    return { view: 'agent', at, agent: agentView(rec, this.naming), calls, queues, seqs: this.seqsOf(agentTenant(rec, this.naming), rooms) };
  }

  /** The agent's tenant (their agents row's, else their endpoint's); undefined for an unknown agent. */
  tenantOfAgent(agentId: string): string | undefined {
    const rec = this.agents.get(agentId);
    return rec ? agentTenant(rec, this.naming) : undefined;
  }

  /** The tenant a call belongs to (see callTenant), also shortly after it ended; undefined for a call never seen. */
  tenantOfCall(callId: string): string | undefined {
    const call = this.calls.get(callId);
    return call ? callTenant(call, this.naming) : this.callTenants.of(callId);
  }

  /** The other agents of the agent's tenant as the agent may see them: name, extension and state, nothing of their calls. */
  colleaguesOf(agentId: string): Colleague[] {
    const out: Colleague[] = [];
    const tenantId = this.tenantOfAgent(agentId);
    for (const rec of this.agents.values()) {
      if (rec.entry.agentId === agentId || agentTenant(rec, this.naming) !== tenantId) continue;
      out.push({ agentId: rec.entry.agentId, name: rec.entry.name, extension: rec.entry.extension, status: { kind: rec.status.kind, since: rec.status.since } });
    }
    return out;
  }

  /**
   * Every agent, queue and call of one tenant: nothing of another tenant is in it. Without a
   * tenant: the whole switch, for the switch's own bookkeeping (resync), never for a user.
   */
  supervisorSnapshot(tenantId?: string): SupervisorSnapshot {
    const at = this.clock.now();
    const mine = (t: string) => tenantId === undefined || t === tenantId;
    return {
      view: 'supervisor',
      at,
      agents: [...this.agents.values()].filter((a) => mine(agentTenant(a, this.naming))).map((a) => agentView(a, this.naming)),
      queues: this.queueNames()
        .filter((q) => mine(this.naming.owner(q).tenantId))
        .map((q) => this.queueViewOf(q, at)),
      calls: this.callViews(at).filter((c) => mine(c.tenantId)),
      seqs: this.seqsOf(tenantId ?? this.naming.owner('').tenantId, [SUPERVISORS_ROOM]),
    };
  }

  /** One queue's view (live figures, today, this interval); `queue` is the switch name. */
  queueViewOf(queue: string, at = this.clock.now()): QueueView {
    return queueView(this.settingsOf(queue), this.stats, this.members.of(queue), at, this.naming);
  }

  /** The local names of a tenant's queues (configured or seen). */
  tenantQueues(tenantId: string): string[] {
    return this.queueNames().flatMap((q) => {
      const owner = this.naming.owner(q);
      return owner.tenantId === tenantId ? [owner.local] : [];
    });
  }

  /** Calls in progress on the whole switch (every tenant's: the switch's bookkeeping, not a user's view). */
  callViews(at = this.clock.now()): CallView[] {
    return [...this.calls.values()].map((c) => callView(c, at, this.naming));
  }

  /** A call in progress, by Linkedid. */
  call(callId: string): Call | undefined {
    return this.calls.get(callId);
  }

  /** An agent's record (state, memberships, devices). */
  agent(agentId: string): Readonly<AgentRecord> | undefined {
    return this.agents.get(agentId);
  }

  /** Every queue membership on the switch, by switch names (the resync baseline). */
  switchMembers(): Array<{ queue: string; endpoint: string; paused: boolean }> {
    return [...this.agents.values()].flatMap((a) => [...a.memberships].map(([queue, m]) => ({ queue, endpoint: a.entry.endpoint, paused: m.paused })));
  }

  /** The agent behind an endpoint such as `PJSIP/1001`. */
  agentIdOfEndpoint(endpoint: string): string | null {
    return this.byEndpoint.get(endpoint) ?? null;
  }

  /** Every queue configured or seen. */
  queueNames(): string[] {
    const names = new Set([...this.queueSettings.keys(), ...this.stats.queues()]);
    for (const rec of this.agents.values()) for (const q of rec.memberships.keys()) names.add(q);
    return [...names].sort();
  }

  /** The last sequence number sent to a tenant's room (0 before any). */
  seqOf(tenantId: string, room: Room): number {
    return this.sequencer.current(tenantId, room);
  }

  // ---- internals ------------------------------------------------------------------------------

  private settingsOf(queue: string): QueueSettings {
    return (
      this.queueSettings.get(queue) ?? {
        name: queue,
        serviceLevelSeconds: this.config.defaultServiceLevelSeconds,
        wrapUpSeconds: this.config.defaultWrapUpSeconds,
      }
    );
  }

  private seqsOf(tenantId: string, rooms: Room[]): Record<string, number> {
    return Object.fromEntries(rooms.map((r) => [r, this.seqOf(tenantId, r)]));
  }

  private command(agentId: string, cause: string, step: (s: machine.AgentState, at: number) => machine.Transition): CtiResult {
    const rec = this.agents.get(agentId);
    if (!rec) return { ok: false, code: 'AGENT_NOT_FOUND', message: `no agent ${agentId}` };
    const at = this.clock.now();
    const result = step(rec.status, at);
    if (!result.ok) return { ok: false, code: result.code, message: result.message };
    const batch = newBatch();
    transitionAgent(this.side, rec, result, cause, at, batch);
    return { ok: true, outcome: this.finish(batch, at) };
  }

  private applyCallEvent(event: CallEvent, batch: Batch): void {
    if (this.endedCalls.has(event.linkedid)) return;
    const previous = this.calls.get(event.linkedid);
    const { call, facts } = reduceCall(previous, event, this.callContext);
    if (!call) return;
    this.calls.set(call.linkedid, call);
    if (call.direction === 'inbound' && call.callerE164 && call.callerE164 !== previous?.callerE164) {
      batch.effects.push({ kind: 'callerKnown', callId: call.linkedid, e164: call.callerE164 });
    }
    const changed = !previous || !sameJson(callView(previous, event.at, this.naming), callView(call, event.at, this.naming));
    if (changed) batch.calls.set(call.linkedid, call);
    const before = this.callTenants.note(call.linkedid, callTenant(call, this.naming));
    if (before !== null) {
      batch.moved.set(call.linkedid, before);
      // The caller was looked up in the tenant the call seemed to be (its trunk's) before it joined
      // its tenant's queue: look them up again there now, before an agent of that tenant rings.
      if (call.direction === 'inbound' && call.callerE164) batch.effects.push({ kind: 'callerKnown', callId: call.linkedid, e164: call.callerE164 });
    }
    for (const fact of facts) this.onFact(call, fact, event.at, batch);
  }

  private onFact(call: Call, fact: CallFact, at: number, batch: Batch): void {
    switch (fact.kind) {
      case 'leg_ringing':
      case 'leg_answered':
      case 'leg_missed':
      case 'leg_held':
      case 'leg_unheld':
      case 'leg_ended':
      {
        const rec = fact.leg.agentId ? this.agents.get(fact.leg.agentId) : undefined;
        if (rec) onAgentLeg(this.side, rec, call, fact.kind, fact.leg, at, batch);
        break;
      }
      case 'queue_joined':
        this.stats.joined(fact.queue, call.linkedid, fact.joinedAt);
        batch.queues.add(fact.queue);
        break;
      case 'queue_left':
        this.stats.left(fact.queue, call.linkedid);
        batch.queues.add(fact.queue);
        break;
      case 'queue_answered':
        this.stats.answered(fact.queue, fact.joinedAt, fact.waitMs, this.settingsOf(fact.queue).serviceLevelSeconds);
        this.stats.left(fact.queue, call.linkedid);
        batch.queues.add(fact.queue);
        break;
      case 'queue_abandoned':
        this.stats.abandoned(fact.queue, fact.joinedAt, fact.waitMs, this.settingsOf(fact.queue).serviceLevelSeconds);
        this.stats.left(fact.queue, call.linkedid);
        batch.queues.add(fact.queue);
        break;
      case 'call_ended':
        if (call.direction === 'inbound' && !reachedAnAgent(call)) this.log(unansweredCallRecord(call), batch);
        this.calls.delete(call.linkedid);
        remember(this.endedCalls, call.linkedid);
        batch.calls.set(call.linkedid, call);
        batch.removed.add(call.linkedid);
        batch.effects.push({ kind: 'callGone', callId: call.linkedid });
        break;
      case 'call_started':
      case 'transferred':
        break;
    }
  }

  private log(record: InteractionRecord, batch: Batch): void {
    if (this.loggedLegs.has(record.legId)) return;
    remember(this.loggedLegs, record.legId);
    batch.effects.push({ kind: 'interaction', record });
  }

  private finish(batch: Batch, at: number): CtiOutcome {
    const source = { agent: (id: string) => this.agents.get(id), queueView: (q: string, t: number) => this.queueViewOf(q, t), naming: this.naming };
    return { deltas: deltasOf(batch, at, source, this.sequencer), effects: batch.effects };
  }
}
