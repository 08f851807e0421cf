import type { SecretMap } from './render/secrets.js';

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
