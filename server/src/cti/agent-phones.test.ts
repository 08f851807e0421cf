import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { demoDialPlan, parseDialPlan, type DialPlan } from '@ringside/shared';
import { createLogger } from '../logger.js';
import { AgentPhones, TURN_CREDENTIAL_TTL_S, type WebRtcSettings } from './agent-phones.js';

const WEBRTC: WebRtcSettings = { wsUri: 'wss://pbx.example.com:8089/ws', domain: 'pbx.example.com', iceServers: [{ urls: 'stun:stun.example.com:3478' }] };
const OWN = { 'sip-1001': 'desk-secret', 'sip-1101': 'browser-secret' };
const SECRETS = (prefix: string) => (prefix === '' ? OWN : {});
/** The default tenant alone on the switch, with `plan` at `version`. */
const alone = (plan: DialPlan, version: number | null = null) => [{ prefix: '', version, plan }];

function logged(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger('warn', (l) => lines.push(l)) };
}

/** The demo plan with endpoint 1101's WebRTC flag set as given. */
function planWith1101(webrtc: boolean): DialPlan {
  const plan = parseDialPlan(demoDialPlan);
  return { ...plan, endpoints: plan.endpoints.map((e) => (e.extension === '1101' ? { ...e, webrtc } : e)) };
}

describe('AgentPhones: which phone each agent has, from the live dial plan', () => {
  it("gives an agent on a WebRTC endpoint the browser softphone with that endpoint's own SIP login, and a desk phone to everyone else", async () => {
    const phones = new AgentPhones(WEBRTC, SECRETS, async () => alone(planWith1101(true)), logged().logger);
    await phones.start(0);
    expect(phones.of('PJSIP/1101')).toEqual({
      mode: 'webrtc',
      wsUri: 'wss://pbx.example.com:8089/ws',
      sipUri: 'sip:1101@pbx.example.com',
      authorizationUser: '1101',
      password: 'browser-secret',
      displayName: 'WebRTC Agent 1101',
      iceServers: [{ urls: 'stun:stun.example.com:3478' }],
    });
    expect(phones.of('PJSIP/1001')).toEqual({ mode: 'server' });
    expect(phones.of('PJSIP/4242')).toEqual({ mode: 'server' });
  });

  it("two tenants' 1101 are two phones: each registers under its switch name with its own tenant's password", async () => {
    const secrets = (prefix: string) => (prefix === 'acme' ? { 'sip-1101': 'acme-browser' } : OWN);
    const phones = new AgentPhones(WEBRTC, secrets, async () => [...alone(planWith1101(true)), { prefix: 'acme', version: 2, plan: planWith1101(true) }], logged().logger);
    await phones.start(0);
    expect(phones.of('PJSIP/acme-1101')).toMatchObject({ mode: 'webrtc', sipUri: 'sip:acme-1101@pbx.example.com', authorizationUser: 'acme-1101', password: 'acme-browser' });
    expect(phones.of('PJSIP/1101')).toMatchObject({ sipUri: 'sip:1101@pbx.example.com', password: 'browser-secret' });
    expect(phones.of('PJSIP/beta-1101')).toEqual({ mode: 'server' });
  });

  it('without SIP_WS_URL every agent has a desk phone, WebRTC endpoint or not', async () => {
    const phones = new AgentPhones(null, SECRETS, async () => alone(planWith1101(true)), logged().logger);
    await phones.start(0);
    expect(phones.of('PJSIP/1101')).toEqual({ mode: 'server' });
  });

  it('a WebRTC endpoint whose password this node was not given keeps a desk phone, and the admin is told which', async () => {
    const { lines, logger } = logged();
    const phones = new AgentPhones(WEBRTC, () => ({ 'sip-1001': 'x' }), async () => alone(planWith1101(true)), logger);
    await phones.start(0);
    expect(phones.of('PJSIP/1101')).toEqual({ mode: 'server' });
    expect(lines.join('')).toMatch(/WebRTC endpoint has no password in PBX_SECRETS.*"endpoint":"1101".*"passwordRef":"sip-1101"/);
    expect(lines.join('')).not.toContain('pass1101');
  });

  it('follows the plan: a version that goes live on this node at once, one published elsewhere on the next refresh', async () => {
    let live = alone(planWith1101(true), 3);
    const phones = new AgentPhones(WEBRTC, SECRETS, async () => live, logged().logger);
    await phones.start(0);
    expect(phones.of('PJSIP/1101').mode).toBe('webrtc');

    phones.use(alone(planWith1101(false), 4));
    expect(phones.of('PJSIP/1101').mode).toBe('server');

    live = alone(planWith1101(true), 5);
    await phones.refresh();
    expect(phones.of('PJSIP/1101').mode).toBe('webrtc');
  });

  it('a database that cannot be read keeps the phones known so far', async () => {
    let fail = false;
    const { lines, logger } = logged();
    const phones = new AgentPhones(WEBRTC, SECRETS, async () => {
      if (fail) throw new Error('connection refused');
      return alone(planWith1101(true), 1);
    }, logger);
    await phones.start(0);
    fail = true;
    await phones.refresh();
    expect(phones.of('PJSIP/1101').mode).toBe('webrtc');
    expect(lines.join('')).toContain('keeping the previous one');
  });

  it('with a TURN REST secret each agent gets TURN credentials of their own, valid 24 hours, that the TURN server can check', async () => {
    const now = 1_800_000_000_000;
    const webrtc: WebRtcSettings = { ...WEBRTC, iceServers: [{ urls: 'stun:stun.example.com:3478' }, { urls: 'turn:turn.example.com:3478?transport=udp' }], turnSecret: 'turn-rest-shared-secret' };
    const phones = new AgentPhones(webrtc, SECRETS, async () => alone(planWith1101(true)), logged().logger, () => now);
    await phones.start(0);
    const phone = phones.of('PJSIP/1101');
    if (phone.mode !== 'webrtc') throw new Error('expected the browser phone');
    const expiry = now / 1000 + TURN_CREDENTIAL_TTL_S;
    expect(phone.iceServers).toEqual([
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'turn:turn.example.com:3478?transport=udp', username: `${expiry}:1101`, credential: createHmac('sha1', 'turn-rest-shared-secret').update(`${expiry}:1101`).digest('base64') },
    ]);
    expect(JSON.stringify(phone)).not.toContain('turn-rest-shared-secret');
  });
});

