import type { DialPlan } from '@ringside/shared';
import { renderTenantPjsipAuthConf, type SecretLookup } from './system-conf.js';
import { resolveTenantSecrets, type SecretMap, type TenantSecretMap } from './secrets.js';
import { switchPlan, type SwitchPlan, type TenantPlan } from './switch-plan.js';

/**
 * Files the base config `#include`s by absolute path from /run/ringside/asterisk. In the
 * container the entrypoint writes them from the environment; for a folder pbx-sim runs (or any
 * test rig) they are rendered from the plan and its secrets in the same shapes, and placed at
 * `<folder>/run/ringside/asterisk/`, which is where pbx-sim resolves absolute includes.
 * `secrets[i]` resolves the references of tenant i; the system ones are the first tenant's.
 */
const RUNTIME_RENDERERS: Record<string, (sp: SwitchPlan, secrets: readonly SecretLookup[]) => string> = {
  '/run/ringside/asterisk/manager-cti-secret.conf': (sp, secrets) => `secret = ${secrets[0]!(sp.system.ami.secretRef)}\n`,
  '/run/ringside/asterisk/ari-cti-password.conf': (sp, secrets) => `password = ${secrets[0]!(sp.system.ari.passwordRef)}\n`,
  '/run/ringside/asterisk/pjsip-auth.conf': (sp, secrets) => renderTenantPjsipAuthConf(sp, secrets),
  '/run/ringside/asterisk/pjsip-nat.conf': () => '; no external address: the switch is not behind NAT here\n',
};

/** Absolute include targets the runtime renderer can produce. */
export const RUNTIME_INCLUDES = Object.keys(RUNTIME_RENDERERS);

/** Folder-relative name of an absolute include target (`/run/x.conf` -> `run/x.conf`). */
export function runtimeFileName(absoluteTarget: string): string {
  return absoluteTarget.replace(/^\/+/, '');
}

/**
 * Renders the runtime include files a base config asks for (`wanted`: its absolute include
 * targets), keyed by folder-relative name. Targets it does not know are left out: the loader of
 * the folder reports them as missing, loudly. Every returned file is secret or site-specific.
 */
export function renderRuntimeIncludes(plan: DialPlan, secrets: SecretMap, wanted: readonly string[]): Record<string, string> {
  return renderTenantRuntimeIncludes([{ prefix: '', plan }], { '': secrets }, wanted);
}

/** renderRuntimeIncludes for several tenants on one switch (validated plans, each with its own secrets). */
export function renderTenantRuntimeIncludes(tenants: readonly TenantPlan[], secrets: TenantSecretMap, wanted: readonly string[]): Record<string, string> {
  const lookups = resolveTenantSecrets(tenants, secrets);
  const sp = switchPlan(tenants);
  const out: Record<string, string> = {};
  for (const target of [...new Set(wanted)].sort()) {
    const render = RUNTIME_RENDERERS[target];
    if (render) out[runtimeFileName(target)] = render(sp, lookups);
  }
  return out;
}
