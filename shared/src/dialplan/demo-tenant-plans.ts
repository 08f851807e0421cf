import type { DialPlanInput } from './dial-plan.js';
import { demoDialPlanInput } from './demo-dial-plan.js';

const agent = (extension: string, who: string) => ({ extension, displayName: `${who} ${extension}`, passwordRef: `sip-${extension}`, codecs: ['ulaw' as const, 'alaw' as const] });
const queue = (name: string, strategy: 'ringall' | 'rrmemory', members: string[]) => ({
  name,
  strategy,
  ringTimeoutSeconds: 15,
  retrySeconds: 2,
  maxWaitSeconds: 300,
  serviceLevelSeconds: 20,
  members: members.map((extension) => ({ extension })),
});

/**
 * Acme: IVR `main` on DID 7000 (1 support, 2 claims), 7001 straight to support; agents 1001-1003;
 * its carrier trunk 3001 is also its way out.
 */
const acme: DialPlanInput = {
  schemaVersion: 1,
  name: 'Acme Insurance',
  inboundRoutes: [
    { id: 'main-line', name: 'Main line', did: '7000', destination: { type: 'ivr', menu: 'main' } },
    { id: 'support-line', name: 'Support direct', did: '7001', destination: { type: 'queue', queue: 'support' } },
  ],
  internalRoutes: [{ extension: '*1', name: 'Support queue', destination: { type: 'queue', queue: 'support' } }],
  ivrMenus: [
    {
      id: 'main',
      name: 'Acme main menu',
      prompt: { type: 'sound', files: ['hello', 'vm-press'] },
      options: [
        { digit: '1', destination: { type: 'queue', queue: 'support' } },
        { digit: '2', destination: { type: 'queue', queue: 'claims' } },
      ],
      invalid: { attempts: 3, prompt: { type: 'sound', files: ['pm-invalid-option'] }, destination: { type: 'hangup' } },
      timeout: { attempts: 3, destination: { type: 'hangup' } },
    },
  ],
  queues: [queue('support', 'ringall', ['1001', '1002']), queue('claims', 'rrmemory', ['1003'])],
  endpoints: ['1001', '1002', '1003'].map((x) => agent(x, 'Acme agent')),
  trunks: [{ id: '3001', name: 'Acme carrier', host: '127.0.0.1', port: 5081, contactUser: '3001', passwordRef: 'sip-3001' }],
  system: { ...demoDialPlanInput.system, outboundTrunk: '3001' },
};

/**
 * Beta: a spoken IVR `welcome` on DID 8000 (2 support, 0 the operator 1002, agents dialled
 * directly), the range 8050-8099 straight to support; agents 1001 and 1002, no way out.
 */
const beta: DialPlanInput = {
  schemaVersion: 1,
  name: 'Beta Telecom',
  inboundRoutes: [
    { id: 'welcome-line', name: 'Welcome line', did: '8000', destination: { type: 'ivr', menu: 'welcome' } },
    { id: 'support-range', name: 'Support numbers', did: '_80[5-9]X', destination: { type: 'queue', queue: 'support' } },
  ],
  ivrMenus: [
    {
      id: 'welcome',
      name: 'Beta welcome',
      prompt: { type: 'tts', text: 'Welcome to Beta. Press 2 for support or 0 for the operator.' },
      options: [
        // Not 1: agents 1001 and 1002 are dialled directly, so a 1 would wait for more digits.
        { digit: '2', destination: { type: 'queue', queue: 'support' } },
        { digit: '0', destination: { type: 'extension', extension: '1002' } },
      ],
      invalid: { attempts: 2, destination: { type: 'queue', queue: 'support' } },
      timeout: { attempts: 2, destination: { type: 'queue', queue: 'support' } },
      allowDirectDial: true,
    },
  ],
  queues: [queue('support', 'rrmemory', ['1001', '1002'])],
  endpoints: ['1001', '1002'].map((x) => agent(x, 'Beta agent')),
  trunks: [{ id: '3002', name: 'Beta carrier', host: '127.0.0.1', port: 5082, contactUser: '3002', passwordRef: 'sip-3002' }],
  // Only the first tenant's system settings are rendered; these keep the plan valid on its own.
  system: { ami: demoDialPlanInput.system.ami, ari: demoDialPlanInput.system.ari, http: demoDialPlanInput.system.http },
};

/**
 * Two tenants on one switch, `acme` and `beta`: both have extension 1001 and a queue `support`,
 * with their own IVRs and DIDs; the example of pbx-config's multi-tenant golden files.
 */
export const demoTenantPlans: readonly { prefix: string; plan: DialPlanInput }[] = [
  { prefix: 'acme', plan: acme },
  { prefix: 'beta', plan: beta },
];
