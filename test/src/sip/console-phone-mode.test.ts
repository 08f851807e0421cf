import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import type { PhoneConfig, Snapshot } from '@ringside/shared';
import { UI_TIMEOUT, startCtiRig, type CtiRig } from '../support/cti-rig.js';
import { startKamailio, type RunningKamailio } from './start-kamailio.js';

// The whole path of the browser phone's configuration: the server is told where the switch's SIP
// WebSocket is (SIP_WS_URL), the live dial plan marks endpoint 1101 as WebRTC, an admin gives an
// agent that endpoint, and the agent's console, from its snapshot alone, runs the JsSIP phone and
// registers it (with 1101's password from the secrets) at a real SIP-over-WebSocket registrar.

const AGENT = { username: 'wendy.web', password: 'browser-phone-1101', displayName: 'Wendy Web' };

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The phone part of the snapshot the user's console receives, over a socket of their own session. */
async function phoneOf(url: string, username: string, password: string): Promise<PhoneConfig | undefined> {
  const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie: await login(url, username, password) }, reconnection: false });
  try {
    const snapshot = await new Promise<Snapshot>((resolve, reject) => {
      socket.once('snapshot', resolve);
      socket.once('connect_error', reject);
    });
    return snapshot.phone;
  } finally {
    socket.disconnect();
  }
}

describe("the console's phone follows the agent's endpoint in the live dial plan", () => {
  let kamailio: RunningKamailio;
  let rig: CtiRig;

  beforeAll(async () => {
    kamailio = await startKamailio();
    rig = await startCtiRig({ SIP_WS_URL: kamailio.wsUri, SIP_DOMAIN: '127.0.0.1' }, { mediaBrowser: true });
    const admin = await login(rig.url, 'admin', 'admin-demo');
    // The demo gives 1101 to olivia, the outsourcer's agent; the admin hands it to Wendy instead.
    const listed = (await (await fetch(`${rig.url}/api/users`, { headers: { cookie: admin } })).json()) as { items: { id: string; username: string }[] };
    const olivia = listed.items.find((u) => u.username === 'olivia');
    if (!olivia) throw new Error('the demo seed has no olivia');
    const freed = await fetch(`${rig.url}/api/users/${olivia.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: admin, origin: rig.url }, body: JSON.stringify({ agent: null }) });
    expect(freed.status).toBe(200);
    const created = await fetch(`${rig.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ ...AGENT, role: 'agent', agent: { endpoint: 'PJSIP/1101', extension: '1101' } }),
    });
    expect(created.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
    await kamailio?.stop();
  });

  it('an agent on the WebRTC endpoint gets the browser phone, which registers at the SIP server when connected', async () => {
    await expect(phoneOf(rig.url, AGENT.username, AGENT.password)).resolves.toEqual({
      mode: 'webrtc',
      wsUri: kamailio.wsUri,
      sipUri: 'sip:1101@127.0.0.1',
      authorizationUser: '1101',
      password: 'pass1101',
      displayName: 'WebRTC Agent 1101',
      iceServers: [],
    });
    const page = await rig.signIn(AGENT.username, AGENT.password);
    const phone = page.locator('section.softphone');
    await phone.getByText('Browser phone (headset on this computer)').waitFor({ timeout: UI_TIMEOUT });
    await phone.getByRole('button', { name: 'Connect browser phone' }).click();
    // Shown on JsSIP's "registered": the registrar answered 200 to 1101's REGISTER.
    await phone.getByText('Ready for calls').waitFor({ timeout: UI_TIMEOUT });
    expect(kamailio.log()).not.toMatch(/ERROR/);
    await phone.getByRole('button', { name: 'Disconnect phone' }).click();
    await phone.getByText('Not connected').waitFor({ timeout: UI_TIMEOUT });
  }, 120_000);

  it('an agent on a desk phone keeps the server-driven phone and is sent no SIP login', async () => {
    await expect(phoneOf(rig.url, 'agent1', 'agent-demo')).resolves.toEqual({ mode: 'server' });
    const page = await rig.signIn('agent1', 'agent-demo');
    const phone = page.locator('section.softphone');
    await phone.getByText('Desk phone or simulated switch', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await expect(phone.getByRole('button', { name: 'Connect browser phone' }).count()).resolves.toBe(0);
  }, 120_000);
});
