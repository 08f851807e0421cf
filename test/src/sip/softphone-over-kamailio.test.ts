import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchMediaBrowser } from '../support/media-browser.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';
import { buildHarness } from './build-harness.js';
import { startKamailio, type RunningKamailio } from './start-kamailio.js';

// The console's real JsSIP driver (built by Vite into a test page, see harness/main.js) in two
// Chromium pages with fake microphones, registered at a real Kamailio that this test starts as a
// SIP-over-WebSocket registrar and proxy. Media goes browser to browser (ICE host candidates).

interface InboundAudio {
  packetsReceived: number;
  bytesReceived: number;
  totalAudioEnergy: number;
}
interface HarnessEvent {
  event: string;
  payload: Record<string, unknown>;
}
interface Harness {
  events: HarnessEvent[];
  driver: {
    call(target: string): Promise<{ ok: boolean }>;
    answer(): Promise<{ ok: boolean }>;
    hold(callId: string, on: boolean): Promise<{ ok: boolean }>;
    dtmf(callId: string, digits: string): Promise<{ ok: boolean }>;
    hangUp(callId: string | null): Promise<{ ok: boolean }>;
    dispose(): void;
  };
  start(config: Record<string, unknown>): Promise<{ ok: boolean }>;
  inboundAudio(): Promise<InboundAudio | null>;
  directions(): (string | null)[];
  remoteAudioAttached(): boolean;
}
type HarnessWindow = { sipHarness: Harness };

const DOMAIN = '127.0.0.1';
const STEP_MS = 15_000;

describe('the browser softphone against a real SIP-over-WebSocket server (Kamailio)', () => {
  let kamailio: RunningKamailio | undefined;
  let harnessDir: string | undefined;
  let site: StaticServer | undefined;
  let browser: Browser | undefined;
  let alice: Page;
  let bob: Page;

  // Waits for a condition the test reads from the pages; on timeout says what and shows Kamailio's log.
  async function until(what: string, check: () => Promise<boolean>, timeoutMs = STEP_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}\n--- kamailio ---\n${kamailio?.log().slice(-3000) ?? ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const seen = (page: Page, event: string, field: string, value: unknown) =>
    page.evaluate(([e, f, v]) => (globalThis as unknown as HarnessWindow).sipHarness.events.some((x) => x.event === e && x.payload[f as string] === v), [event, field, value] as const);
  const inbound = (page: Page) => page.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.inboundAudio());
  const directions = (page: Page) => page.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.directions());
  const received = async (page: Page) => (await inbound(page))?.packetsReceived ?? 0;

  async function openPhone(user: string): Promise<Page> {
    const page = await browser!.newPage();
    page.on('pageerror', (err) => console.error(`${user} page error:`, err));
    await page.goto(`${site!.url}/`);
    await page.waitForFunction(() => 'sipHarness' in globalThis);
    const config = { mode: 'webrtc', wsUri: kamailio!.wsUri, sipUri: `sip:${user}@${DOMAIN}`, displayName: user, iceServers: [] };
    await expect(page.evaluate((c) => (globalThis as unknown as HarnessWindow).sipHarness.start(c), config)).resolves.toEqual({ ok: true });
    return page;
  }

  beforeAll(async () => {
    kamailio = await startKamailio();
    harnessDir = await buildHarness();
    site = await serveStatic(harnessDir);
    browser = await launchMediaBrowser();
    alice = await openPhone('alice');
    bob = await openPhone('bob');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await kamailio?.stop();
    if (harnessDir) await rm(harnessDir, { recursive: true, force: true });
  });

  it('registers both agents\' softphones at the registrar', async () => {
    await until('alice is registered', () => seen(alice, 'registration', 'state', 'registered'));
    await until('bob is registered', () => seen(bob, 'registration', 'state', 'registered'));
  }, 30_000);

  it('rings bob when alice calls him, connects both when he answers, and carries audio both ways', async () => {
    await expect(alice.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.call('sip:bob@127.0.0.1'))).resolves.toEqual({ ok: true });
    await until('bob rings', () => seen(bob, 'callState', 'state', 'incoming'));
    await expect(seen(bob, 'incoming', 'remote', 'alice')).resolves.toBe(true);

    await expect(bob.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.answer())).resolves.toEqual({ ok: true });
    await until('alice is in the call', () => seen(alice, 'callState', 'state', 'active'));
    await until('bob is in the call', () => seen(bob, 'callState', 'state', 'active'));

    // RTP from the other browser's fake microphone arrives and is decoded into the far-end audio element.
    await until('alice receives more than 50 RTP packets', async () => (await received(alice)) > 50);
    await until('bob receives more than 50 RTP packets', async () => (await received(bob)) > 50);
    await until('alice hears a non-silent signal', async () => ((await inbound(alice))?.totalAudioEnergy ?? 0) > 0);
    await until('bob hears a non-silent signal', async () => ((await inbound(bob))?.totalAudioEnergy ?? 0) > 0);
    await expect(alice.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.remoteAudioAttached())).resolves.toBe(true);
    await expect(bob.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.remoteAudioAttached())).resolves.toBe(true);
  }, 45_000);

  it('puts bob on hold from alice\'s phone, so bob\'s audio to her stops, and resumes it', async () => {
    await expect(alice.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.hold('softphone', true))).resolves.toEqual({ ok: true });
    await until('alice shows the call held', () => seen(alice, 'callState', 'state', 'held'));
    await until('bob shows the call held by the far end', () => seen(bob, 'callState', 'state', 'held'));
    await until('the re-INVITE made alice send-only and bob receive-only', async () => (await directions(alice)).includes('sendonly') && (await directions(bob)).includes('recvonly'));
    // Bob's phone stops sending: alice's received packet count settles.
    await until('alice stops receiving audio', async () => {
      const before = await received(alice);
      await new Promise((r) => setTimeout(r, 700));
      return (await received(alice)) === before;
    });

    await expect(alice.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.hold('softphone', false))).resolves.toEqual({ ok: true });
    await until('both directions are back to sendrecv', async () => (await directions(alice)).includes('sendrecv') && (await directions(bob)).includes('sendrecv'));
    await until('bob shows the call active again', async () => {
      const states = await bob.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.events.filter((e) => e.event === 'callState').map((e) => e.payload.state));
      return states.at(-1) === 'active';
    });
    const resumedFrom = await received(alice);
    await until('alice receives audio again', async () => (await received(alice)) > resumedFrom + 25);
  }, 45_000);

  it('delivers the DTMF digits alice keys in to bob\'s phone, in order', async () => {
    await expect(alice.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.dtmf('softphone', '1#'))).resolves.toEqual({ ok: true });
    const digits = () => bob.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.events.filter((e) => e.event === 'dtmfReceived').map((e) => e.payload.digit));
    await until('bob has received two digits', async () => (await digits()).length >= 2);
    await expect(digits()).resolves.toEqual(['1', '#']);
  }, 30_000);

  it('ends the call on both phones when bob hangs up', async () => {
    await expect(bob.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.hangUp(null))).resolves.toEqual({ ok: true });
    await until('bob\'s call has ended', () => seen(bob, 'callState', 'state', 'ended'));
    await until('alice\'s call has ended', () => seen(alice, 'callState', 'state', 'ended'));
    await expect(alice.evaluate(() => (globalThis as unknown as HarnessWindow).sipHarness.driver.hold('softphone', true))).resolves.toMatchObject({ ok: false });
  }, 30_000);

  it('routed all of the signalling through the registrar', () => {
    // The route script logs "SIP <method> <request-uri> ..." for every request it handles.
    const methods = new Set([...(kamailio?.log() ?? '').matchAll(/SIP ([A-Z]+) sip:/g)].map((m) => m[1]));
    expect([...methods]).toEqual(expect.arrayContaining(['ACK', 'BYE', 'INFO', 'INVITE', 'REGISTER']));
  });
});
