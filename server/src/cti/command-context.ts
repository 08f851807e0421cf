import { RingsideError, type SessionUser } from '@ringside/shared';
import type { Call, CallLeg } from '../domain/call.js';
import { legsOf } from '../domain/call.js';
import type { AgentRecord } from '../domain/cti-views.js';
import type { DialOptions } from '../domain/ports/pbx.js';
import type { CtiService } from './cti-service.js';

/** Who sends a command and what it may use. */
export interface CommandContext {
  user: SessionUser;
  service: CtiService;
}

/** One command: parses its payload, checks who may do it, makes one call. Resolves with the ack's data. */
export type CommandHandler = (ctx: CommandContext, payload: unknown) => Promise<unknown>;

/** The sender's own agent profile; agent commands act on the sender's own phone only. */
export function ownAgent(ctx: CommandContext): { agentId: string; endpoint: string; extension: string } {
  const agent = ctx.user.agent;
  if (!agent) throw new RingsideError('FORBIDDEN', 'this needs an agent profile (a phone bound to your user)');
  return { agentId: agent.id, endpoint: agent.endpoint, extension: agent.extension };
}

/** Supervisor commands are for supervisors and admins. */
export function requireSupervisor(ctx: CommandContext): void {
  if (ctx.user.role !== 'supervisor' && ctx.user.role !== 'admin') throw new RingsideError('FORBIDDEN', 'this needs the role supervisor or admin');
}

/**
 * A call in progress of the sender's tenant; CALL_NOT_FOUND when the CTI does not know it (or it
 * has ended) and, alike, when it is another tenant's: a tenant cannot even learn that it exists.
 */
export function callOf(ctx: CommandContext, callId: string): Call {
  const state = ctx.service.state();
  const call = state.call(callId);
  if (!call || state.tenantOfCall(callId) !== ctx.user.tenant.id) throw new RingsideError('CALL_NOT_FOUND', `no call ${callId} in progress`);
  return call;
}

/**
 * The sender's live leg of a call: an agent acts only on calls that ring or run on their own
 * endpoint (FORBIDDEN otherwise). An answered leg wins over one still ringing.
 */
export function ownLeg(ctx: CommandContext, callId: string): { call: Call; leg: CallLeg } {
  const { endpoint } = ownAgent(ctx);
  const call = callOf(ctx, callId);
  const mine = legsOf(call).filter((l) => l.endpoint === endpoint && l.state !== 'ended');
  const leg = mine.find((l) => l.state === 'up' || l.state === 'held') ?? mine[0];
  if (!leg) throw new RingsideError('FORBIDDEN', `call ${callId} is not on your phone`);
  return { call, leg };
}

/** The agent a supervisor command targets: of the sender's tenant, else AGENT_NOT_FOUND as for no agent at all. */
export function targetAgent(ctx: CommandContext, agentId: string): AgentRecord {
  const state = ctx.service.state();
  const rec = state.agent(agentId);
  if (!rec || state.tenantOfAgent(agentId) !== ctx.user.tenant.id) throw new RingsideError('AGENT_NOT_FOUND', `no agent ${agentId}`);
  return rec as AgentRecord;
}

/**
 * Where the sender's dialling lands: their tenant's `agents` context (`acme-agents`), so `1002`
 * is their own tenant's 1002; the adapter's own context for the unprefixed tenant.
 */
export function dialContext(ctx: CommandContext): DialOptions {
  const context = ctx.service.naming.switchName(ctx.user.tenant.id, 'agents');
  if (context === null) throw new RingsideError('FORBIDDEN', 'your organisation has no phones on this switch');
  return context === 'agents' ? {} : { context };
}

/**
 * The switch name of a queue of the sender's tenant (`support` → `acme-support`): the console
 * names queues as its tenant's dial plan does, the switch by their prefixed names. A queue can
 * only ever resolve into the sender's own tenant.
 */
export function tenantQueue(ctx: CommandContext, queue: string): string {
  const name = ctx.service.naming.switchName(ctx.user.tenant.id, queue);
  if (name === null || ctx.service.naming.owner(name).tenantId !== ctx.user.tenant.id) throw new RingsideError('NOT_FOUND', `no queue ${queue}`);
  return name;
}
