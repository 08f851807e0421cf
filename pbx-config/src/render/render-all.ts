import { parseDialPlan, parseTenantPlans, type DialPlan } from '@ringside/shared';
import { renderTenantExtensionsConf } from './extensions-conf.js';
import { renderTenantPjsipConf } from './pjsip-conf.js';
import { renderTenantQueuesConf } from './queues-conf.js';
import { resolveTenantSecrets, type SecretMap, type TenantSecretMap } from './secrets.js';
import { switchPlan, type TenantPlan } from './switch-plan.js';
import { renderSwitchAriConf, renderSwitchHttpConf, renderSwitchManagerConf, renderTenantPjsipAuthConf } from './system-conf.js';

/** Rendered files that hold secrets: written 0600 and never committed. */
export const SECRET_FILES = ['ringside-pjsip-auth.conf', 'ringside-manager.conf', 'ringside-ari.conf'] as const;

function renderValid(tenants: readonly TenantPlan[], secrets: TenantSecretMap): Record<string, string> {
  const lookups = resolveTenantSecrets(tenants, secrets);
  const sp = switchPlan(tenants);
  return {
    'ringside-extensions.conf': renderTenantExtensionsConf(sp),
    'ringside-queues.conf': renderTenantQueuesConf(sp),
    'ringside-pjsip.conf': renderTenantPjsipConf(sp),
    'ringside-pjsip-auth.conf': renderTenantPjsipAuthConf(sp, lookups),
    'ringside-manager.conf': renderSwitchManagerConf(sp, lookups[0]!),
    'ringside-ari.conf': renderSwitchAriConf(sp, lookups[0]!),
    'ringside-http.conf': renderSwitchHttpConf(sp),
  };
}

/**
 * Renders the dial plan to Asterisk config files, keyed by file name, in a fixed order.
 * Validates the plan first (INVALID_INPUT lists every problem) and resolves every secret
 * reference (CONFIG_INVALID names each missing one).
 */
export function renderAll(input: DialPlan | unknown, secrets: SecretMap): Record<string, string> {
  return renderValid([{ prefix: '', plan: parseDialPlan(input) }], { '': secrets });
}

/**
 * Renders several tenants' dial plans into one set of switch files: every name of a tenant
 * carries its switch prefix, the shared trunk context hands each DID to its tenant, and the
 * first tenant's system settings make the AMI, ARI and HTTP files. `secrets` holds each
 * tenant's secrets under its prefix. Validates every plan and the tenants together first
 * (INVALID_INPUT, e.g. DID_TAKEN); one default tenant renders exactly what renderAll does.
 */
export function renderTenants(tenants: readonly { prefix: string; plan: DialPlan | unknown }[], secrets: TenantSecretMap): Record<string, string> {
  return renderValid(parseTenantPlans(tenants), secrets);
}
