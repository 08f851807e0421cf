import type { SecretMap, TenantSecretMap } from './render/secrets.js';

/**
 * Development secrets of the demo plan, the same as the reference recordings use. For local
 * labs and tests only: a real site passes its own map (`render --secrets file.json`).
 */
export const demoSecrets: SecretMap = {
  'sip-1001': 'pass1001',
  'sip-1002': 'pass1002',
  'sip-1003': 'pass1003',
  'sip-1101': 'pass1101',
  'sip-2001': 'pass2001',
  'ami-cti': 'cti-secret',
  'ari-cti': 'cti-secret',
};

/**
 * Development secrets of the two demo tenants (demoTenantPlans): both name their phone
 * passwords `sip-1001`..., each map holds its own values. Local labs and tests only.
 */
export const demoTenantSecrets: TenantSecretMap = {
  acme: { 'sip-1001': 'acme-1001', 'sip-1002': 'acme-1002', 'sip-1003': 'acme-1003', 'sip-3001': 'acme-3001', 'ami-cti': 'cti-secret', 'ari-cti': 'cti-secret' },
  beta: { 'sip-1001': 'beta-1001', 'sip-1002': 'beta-1002', 'sip-3002': 'beta-3002' },
};
