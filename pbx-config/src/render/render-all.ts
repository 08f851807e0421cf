import { parseDialPlan, type DialPlan } from '@ringside/shared';
import { renderExtensionsConf } from './extensions-conf.js';
import { renderPjsipConf } from './pjsip-conf.js';
import { renderQueuesConf } from './queues-conf.js';
import { resolveSecrets, type SecretMap } from './secrets.js';
import { renderAriConf, renderHttpConf, renderManagerConf, renderPjsipAuthConf } from './system-conf.js';

/** Rendered files that hold secrets: written 0600 and never committed. */
export const SECRET_FILES = ['ringside-pjsip-auth.conf', 'ringside-manager.conf', 'ringside-ari.conf'] as const;

/**
 * Renders the dial plan to Asterisk config files, keyed by file name, in a fixed order.
 * Validates the plan first (INVALID_INPUT lists every problem) and resolves every secret
 * reference (CONFIG_INVALID names each missing one).
 */
export function renderAll(input: DialPlan | unknown, secrets: SecretMap): Record<string, string> {
  const plan = parseDialPlan(input);
  const secret = resolveSecrets(plan, secrets);
  return {
    'ringside-extensions.conf': renderExtensionsConf(plan),
    'ringside-queues.conf': renderQueuesConf(plan),
    'ringside-pjsip.conf': renderPjsipConf(plan),
    'ringside-pjsip-auth.conf': renderPjsipAuthConf(plan, secret),
    'ringside-manager.conf': renderManagerConf(plan, secret),
    'ringside-ari.conf': renderAriConf(plan, secret),
    'ringside-http.conf': renderHttpConf(plan),
  };
}
