import type { DialPlan } from '@ringside/shared';
import { renderPjsipAuthConf } from './system-conf.js';
import { resolveSecrets, type SecretMap } from './secrets.js';

/**
 * Files the base config `#include`s by absolute path from /run/ringside/asterisk. In the
 * container the entrypoint writes them from the environment; for a folder pbx-sim runs (or any
 * test rig) they are rendered from the plan and its secrets in the same shapes, and placed at
 * `<folder>/run/ringside/asterisk/`, which is where pbx-sim resolves absolute includes.
 */
const RUNTIME_RENDERERS: Record<string, (plan: DialPlan, secret: (ref: string) => string) => string> = {
  '/run/ringside/asterisk/manager-cti-secret.conf': (plan, secret) => `secret = ${secret(plan.system.ami.secretRef)}\n`,
  '/run/ringside/asterisk/ari-cti-password.conf': (plan, secret) => `password = ${secret(plan.system.ari.passwordRef)}\n`,
  '/run/ringside/asterisk/pjsip-auth.conf': (plan, secret) => renderPjsipAuthConf(plan, secret),
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
  const secret = resolveSecrets(plan, secrets);
  const out: Record<string, string> = {};
  for (const target of [...new Set(wanted)].sort()) {
    const render = RUNTIME_RENDERERS[target];
    if (render) out[runtimeFileName(target)] = render(plan, secret);
  }
  return out;
}
