import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createServer, loadConfig, type RingsideServer } from '@ringside/server';
import { launchBrowser } from './browser.js';
import { launchMediaBrowser } from './media-browser.js';
import { ensureConsoleBuilt } from './console-build.js';

/** A generous wait for UI states on a loaded two-core machine; never a timing assertion. */
export const UI_TIMEOUT = 30_000;

/** What POST /calls on the simulator's control API answers. */
export interface PlacedCall {
  channel: string;
  uniqueid: string;
  linkedid: string;
}

/** A caller placed through the control API: who dials what, and how they behave. */
export interface CallerScript {
  exten: string;
  callerNum: string;
  callerName?: string;
  patienceMs?: number;
  talkMs?: number;
  /** Digits the caller presses, each `afterMs` after the call is answered (an IVR choice). */
  dtmf?: { digits: string; afterMs: number }[];
}

/** The simulated world's HTTP control API: callers dial in and hang up, phones pick up. */
export class SimControl {
  constructor(readonly baseUrl: string) {}

  private async request<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`pbx-sim control ${method} ${pathname} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** A customer calls in; resolves with the caller's channel. */
  placeCall(script: CallerScript): Promise<PlacedCall> {
    return this.request('POST', '/calls', script);
  }

  /** The ringing phone of `endpoint` (e.g. "1001") picks up. */
  answerPhone(endpoint: string): Promise<{ channel: string }> {
    return this.request('POST', `/phones/${encodeURIComponent(endpoint)}/answer`);
  }

  /** The far end of `channel` hangs up. */
  hangUp(channel: string): Promise<unknown> {
    return this.request('POST', `/channels/${encodeURIComponent(channel)}/hangup`);
  }

  /** The phones: registered or not, and their device state (RINGING, INUSE, ...). */
  endpoints(): Promise<{ name: string; registered: boolean; state: string }[]> {
    return this.request('GET', '/endpoints');
  }

  /** Live channels grouped by Linkedid. */
  calls(): Promise<{ linkedid: string; channels: { name: string; state: number; callerNum: string; exten: string; bridge: string | null }[] }[]> {
    return this.request('GET', '/calls');
  }
}

/** A Ringside server on PGlite with the embedded pbx-sim, one Chromium, and the simulator's control API. */
export interface CtiRig {
  server: RingsideServer;
  url: string;
  sim: SimControl;
  browser: Browser;
  /** Uncaught page errors and console errors of every page opened so far (React warnings included). */
  browserErrors(): string[];
  /** Opens a fresh browser context (own cookies) signed in as `username`, on `landing`. */
  signIn(username: string, password: string, landing?: string): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * Starts everything a browser call scenario needs, each on a free port: no demo traffic (calls
 * come only from the test), phones that never pick up by themselves unless `env` says otherwise.
 */
export async function startCtiRig(env: Record<string, string> = {}, options: { mediaBrowser?: boolean } = {}): Promise<CtiRig> {
  const consoleDir = ensureConsoleBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-e2e-cti-'));
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let server: RingsideServer | null = null;
  let browser: Browser | null = null;
  const stop = async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    server = createServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        PBX_MODE: 'simulated',
        SIM_CALLS_PER_SECOND: '0',
        SIM_AUTO_ANSWER_MS: '0',
        SIM_CONTROL_PORT: '0',
        CONSOLE_DIR: consoleDir,
        ...env,
      }),
    );
    const started = await server.start();
    const simParts = server.parts().pbx.sim;
    if (!simParts?.controlPort) throw new Error('the embedded pbx-sim has no control API');
    const url = `http://127.0.0.1:${started.port}`;
    // A fake microphone for pages that run the browser softphone (it asks for the microphone to connect).
    browser = await (options.mediaBrowser ? launchMediaBrowser() : launchBrowser());
    const b = browser;
    return {
      server,
      url,
      sim: new SimControl(`http://127.0.0.1:${simParts.controlPort}`),
      browser,
      browserErrors: () => [...errors],
      async signIn(username, password, landing = '/agent') {
        const context = await b.newContext({ viewport: { width: 1280, height: 900 } });
        contexts.push(context);
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
        page.on('console', (m) => {
          // A refused sign-in or an expired session shows as a failed request: that is the app working.
          if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${username}: ${m.text()}`);
        });
        await page.goto(`${url}${landing}`);
        await page.getByLabel('Username').fill(username);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
        return page;
      },
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
