import { DEFAULT_TENANT_ID } from '@ringside/shared';
import type { Call } from '../domain/call.js';
import type { CtiEffect } from '../domain/cti-batch.js';
import type { SwitchTenants } from '../tenancy/switch-tenants.js';

/** What tenantOfEffect reads of the live state. */
export interface EffectTenantLookups {
  call(callId: string): Call | undefined;
  agentTenant(agentId: string): string | undefined;
  tenants: SwitchTenants | undefined;
}

/**
 * The tenant whose rows an effect reads and writes: the call's queue names it, else the agent
 * the call or effect is about, else an agent leg's endpoint. Effects run inside that tenant's
 * scope, and what they start (lookups, pops, queued writes) keeps it.
 */
export function tenantOfEffect(effect: CtiEffect, state: EffectTenantLookups): string {
  const { tenants } = state;
  const record = effect.kind === 'interaction' || effect.kind === 'interactionOpened' ? effect.record : null;
  const callId = 'callId' in effect ? effect.callId : effect.kind === 'screenPop' ? effect.context.callId : undefined;
  const call = callId ? state.call(callId) : undefined;
  const queue = call ? (call.visit?.queue ?? call.firstQueue) : (record?.queue ?? null);
  if (queue && tenants) return tenants.tenantOf(queue);
  const agentId = 'agentId' in effect ? effect.agentId : (record?.agentId ?? (effect.kind === 'screenPop' ? effect.context.agentId : undefined));
  const agentTenant = agentId ? state.agentTenant(agentId) : undefined;
  if (agentTenant) return agentTenant;
  const endpoint = call?.legs ? Object.values(call.legs).find((l) => l.agentId)?.endpoint : undefined;
  return tenants ? tenants.tenantOf(endpoint ?? null) : DEFAULT_TENANT_ID;
}
