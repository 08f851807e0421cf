import { dialPlanSchema, type DialPlan, type DialPlanInput } from './dial-plan.js';

const agents = ['1001', '1002', '1003'].map((extension) => ({
  extension,
  displayName: `Agent ${extension}`,
  passwordRef: `sip-${extension}`,
  codecs: ['ulaw', 'alaw'] as const,
}));

/**
 * The demo call center, as the reference Asterisk recordings were made: queues support
 * (ringall; 1001, 1002) and sales (rrmemory; 1003), the main IVR on 5000, DIDs 5001/5002
 * straight to the queues, 6000 to the Stasis app `cti`, customer line 2001, and an office line
 * 5100 that follows business hours (Mon-Fri 08:00-18:00 Europe/Berlin).
 */
export const demoDialPlanInput: DialPlanInput = {
  schemaVersion: 1,
  name: 'Ringside demo center',
  inboundRoutes: [
    { id: 'main-line', name: 'Main line', did: '5000', priority: 10, destination: { type: 'ivr', menu: 'main' } },
    { id: 'support-line', name: 'Support direct', did: '5001', priority: 10, destination: { type: 'queue', queue: 'support' } },
    { id: 'sales-line', name: 'Sales direct', did: '5002', priority: 10, destination: { type: 'queue', queue: 'sales' } },
    {
      id: 'cti-app',
      name: 'CTI application',
      did: '6000',
      priority: 10,
      destination: { type: 'stasis', app: 'cti', args: ['inbound', '6000'] },
    },
    {
      id: 'office-line',
      name: 'Office line',
      did: '5100',
      priority: 10,
      scheduleId: 'office',
      destination: { type: 'ivr', menu: 'main' },
    },
  ],
  internalRoutes: [
    { extension: '*1', name: 'Support queue', destination: { type: 'queue', queue: 'support' } },
    { extension: '5000', name: 'Main menu', destination: { type: 'ivr', menu: 'main' } },
    { extension: '6000', name: 'CTI application', destination: { type: 'stasis', app: 'cti', args: ['agent'] } },
  ],
  ivrMenus: [
    {
      id: 'main',
      name: 'Main menu',
      prompt: { type: 'sound', files: ['hello', 'vm-press'] },
      options: [
        { digit: '1', destination: { type: 'queue', queue: 'support' } },
        { digit: '2', destination: { type: 'queue', queue: 'sales' } },
      ],
      timeoutSeconds: 5,
      invalid: { attempts: 3, prompt: { type: 'sound', files: ['pm-invalid-option'] }, destination: { type: 'hangup' } },
      timeout: { attempts: 3, destination: { type: 'hangup' } },
      allowDirectDial: false,
    },
  ],
  queues: [
    {
      name: 'support',
      strategy: 'ringall',
      ringTimeoutSeconds: 15,
      retrySeconds: 2,
      wrapUpSeconds: 0,
      maxWaitSeconds: 300,
      overflow: { type: 'hangup' },
      serviceLevelSeconds: 20,
      // Agents 1 and 2 always take support calls; agent 3 may log in to help.
      members: [
        { extension: '1001', penalty: 0 },
        { extension: '1002', penalty: 0 },
        { extension: '1003', penalty: 0, membership: 'dynamic' },
      ],
    },
    {
      name: 'sales',
      strategy: 'rrmemory',
      ringTimeoutSeconds: 15,
      retrySeconds: 2,
      wrapUpSeconds: 0,
      maxWaitSeconds: 300,
      overflow: { type: 'queue', queue: 'support' },
      serviceLevelSeconds: 20,
      members: [
        { extension: '1003', penalty: 0 },
        { extension: '1001', penalty: 0, membership: 'dynamic' },
        { extension: '1002', penalty: 0, membership: 'dynamic' },
      ],
    },
  ],
  schedules: [
    {
      id: 'office',
      name: 'Office hours',
      timeZone: 'Europe/Berlin',
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '18:00' }],
      holidays: [
        { date: '2025-12-25', name: 'Christmas Day' },
        { date: '2026-01-01', name: "New Year's Day" },
      ],
      closedPrompt: {
        type: 'tts',
        text: 'Our office is closed. Please call again Monday to Friday between 8 am and 6 pm.',
      },
      closedDestination: { type: 'hangup' },
    },
  ],
  endpoints: [
    ...agents.map((a) => ({ ...a, codecs: [...a.codecs] })),
    { extension: '1101', displayName: 'WebRTC Agent 1101', passwordRef: 'sip-1101', webrtc: true, codecs: ['opus', 'ulaw'] },
  ],
  trunks: [
    {
      id: '2001',
      name: 'Customer 2001',
      host: '127.0.0.1',
      port: 5081,
      contactUser: '2001',
      passwordRef: 'sip-2001',
      codecs: ['ulaw', 'alaw'],
    },
  ],
  system: {
    ami: {
      username: 'cti',
      secretRef: 'ami-cti',
      permit: ['127.0.0.1/255.255.255.255', '10.0.0.0/255.0.0.0', '172.16.0.0/255.240.0.0', '192.168.0.0/255.255.0.0'],
    },
    ari: { username: 'cti', passwordRef: 'ari-cti', app: 'cti' },
    http: {
      bindAddress: '0.0.0.0',
      port: 8088,
      tls: {
        bindAddress: '0.0.0.0',
        port: 8089,
        certFile: '/var/lib/asterisk/keys/ringside-https.crt',
        keyFile: '/var/lib/asterisk/keys/ringside-https.key',
      },
    },
    outboundTrunk: '2001',
  },
};

/** The demo dial plan, parsed (defaults filled in). */
export const demoDialPlan: DialPlan = dialPlanSchema.parse(demoDialPlanInput);
