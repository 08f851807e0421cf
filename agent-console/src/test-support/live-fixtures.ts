import type { AgentSnapshot, AgentView, CallView, LegView, QueuePeriodStats, QueueView, ScreenPop, SupervisorSnapshot } from '@ringside/shared';
import { ADA, ADA_INTERACTIONS, AGENT_USER } from './fixtures.js';

/** A fixed server time; tests freeze Date at it so running timers read the same every run. */
export const AT = Date.parse('2025-03-05T10:00:00.000Z');
export const ME_ID = AGENT_USER.agent?.id ?? '';
export const CALL_ID = '1741168800.17';
/** The tenant of the signed-in user's session, and of everything the fixtures' server sends. */
export const TENANT = AGENT_USER.tenant;

export function agent(overrides: Partial<AgentView> = {}): AgentView {
  return {
    agentId: ME_ID,
    tenantId: TENANT.id,
    name: 'Alex Agent',
    endpoint: 'PJSIP/1001',
    extension: '1001',
    status: { kind: 'ready', since: AT - 120_000 },
    memberships: [{ queue: 'support', paused: false, pausedReason: null }],
    lastCall: null,
    ...overrides,
  };
}

export function call(overrides: Partial<CallView> = {}): CallView {
  return {
    callId: CALL_ID,
    tenantId: TENANT.id,
    direction: 'inbound',
    callerNumber: '0301234567',
    callerE164: '+49301234567',
    callerName: null,
    status: { kind: 'connected', agent: ME_ID },
    queue: 'support',
    ivrPath: [
      { kind: 'menu', menu: 'main', at: AT - 110_000 },
      { kind: 'digit', digit: '2', at: AT - 108_000 },
    ],
    offeredAt: AT - 110_000,
    queuedAt: AT - 107_000,
    answeredAt: AT - 65_000,
    endedAt: null,
    holdSeconds: 0,
    legs: [],
    ...overrides,
  };
}

/** The fixture agent's own leg of the fixture call, talking. */
export function agentLeg(overrides: Partial<LegView> = {}): LegView {
  return {
    uniqueid: '1741168800.18',
    channel: 'PJSIP/1001-00000012',
    endpoint: 'PJSIP/1001',
    role: 'agent',
    state: 'up',
    agentId: ME_ID,
    answeredAt: AT - 65_000,
    endedAt: null,
    muted: false,
    ...overrides,
  };
}

export function period(p: string, overrides: Partial<QueuePeriodStats> = {}): QueuePeriodStats {
  return {
    period: p,
    offered: 10,
    answered: 9,
    abandoned: 1,
    answeredWithinSl: 9,
    abandonedAfterSl: 0,
    handled: 9,
    totalWaitAnsweredSeconds: 90,
    totalTalkSeconds: 1800,
    totalHoldSeconds: 0,
    totalWrapUpSeconds: 90,
    longestWaitAnsweredSeconds: 20,
    asaSeconds: 10,
    ahtSeconds: 210,
    abandonRate: 0.1,
    serviceLevel: 1,
    ...overrides,
  };
}

export function queue(name: string, overrides: Partial<QueueView> = {}): QueueView {
  return {
    name,
    tenantId: TENANT.id,
    serviceLevelSeconds: 20,
    waiting: 0,
    longestWaitSince: null,
    agents: { logged_out: 0, ready: 2, paused: 1, ringing: 0, on_call: 1, on_hold: 0, wrap_up: 0 },
    today: period('2025-03-05'),
    interval: period('2025-03-05T10:00', { offered: 2, answered: 2, abandoned: 0, answeredWithinSl: 2 }),
    ...overrides,
  };
}

export function agentSnapshot(overrides: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return { view: 'agent', at: AT, agent: agent(), calls: [], queues: [queue('support'), queue('sales')], seqs: { [`agent:${ME_ID}`]: 1 }, ...overrides };
}

export function supervisorSnapshot(overrides: Partial<SupervisorSnapshot> = {}): SupervisorSnapshot {
  return { view: 'supervisor', at: AT, agents: [agent()], queues: [queue('support')], calls: [], seqs: { supervisors: 1 }, ...overrides };
}

export function adaPop(overrides: Partial<ScreenPop> = {}): ScreenPop {
  return {
    callId: CALL_ID,
    tenant: { ...TENANT },
    agentId: ME_ID,
    callerNumber: { raw: '0301234567', e164: '+49301234567' },
    match: { kind: 'single', customer: ADA, lastInteractions: ADA_INTERACTIONS, openItems: [] },
    queue: 'support',
    ivrPath: [],
    waitSeconds: 42,
    ...overrides,
  };
}
