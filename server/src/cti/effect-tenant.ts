import type { CtiEffect } from '../domain/cti-batch.js';
import type { SwitchNaming } from '../domain/switch-naming.js';

/** What tenantOfEffect reads of the live state. */
export interface EffectTenantLookups {
  tenantOfCall(callId: string): string | undefined;
  tenantOfAgent(agentId: string): string | undefined;
  naming: SwitchNaming;
}

/**
 * The tenant whose rows an effect reads and writes: the call's (its queue's, else its first
 * channel's), else the record's queue's, else the agent's the effect is about. Effects run inside
 * that tenant's scope, and what they start (lookups, pops, queued writes) keeps it.
 */
export function tenantOfEffect(effect: CtiEffect, state: EffectTenantLookups): string {
  if (effect.kind === 'screenPop') return effect.context.tenant.id;
  const record = effect.kind === 'interaction' || effect.kind === 'interactionOpened' ? effect.record : null;
  const callId = 'callId' in effect ? effect.callId : record?.linkedid;
  const callTenant = callId ? state.tenantOfCall(callId) : undefined;
  if (callTenant) return callTenant;
  if (record?.queue) return state.naming.owner(record.queue).tenantId;
  const agentId = 'agentId' in effect ? effect.agentId : (record?.agentId ?? undefined);
  const agentTenant = agentId ? state.tenantOfAgent(agentId) : undefined;
  return agentTenant ?? state.naming.owner('').tenantId;
}
